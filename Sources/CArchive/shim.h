#ifndef GATEKEEPER_CARCHIVE_SHIM_H
#define GATEKEEPER_CARCHIVE_SHIM_H
#include <archive.h>
#include <archive_entry.h>

/* The AE_IF* file-type constants are macros with casts, which Swift does not import. */
static inline __LA_MODE_T gk_archive_type_regular(void) { return AE_IFREG; }
static inline __LA_MODE_T gk_archive_type_directory(void) { return AE_IFDIR; }
static inline __LA_MODE_T gk_archive_type_symlink(void) { return AE_IFLNK; }
static inline __LA_MODE_T gk_archive_type_character_device(void) { return AE_IFCHR; }
static inline __LA_MODE_T gk_archive_type_block_device(void) { return AE_IFBLK; }
static inline __LA_MODE_T gk_archive_type_fifo(void) { return AE_IFIFO; }
static inline __LA_MODE_T gk_archive_type_socket(void) { return AE_IFSOCK; }

#endif
