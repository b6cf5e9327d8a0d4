#ifndef GATEKEEPER_CGIT2_SHIM_H
#define GATEKEEPER_CGIT2_SHIM_H
#include <git2.h>
#endif
