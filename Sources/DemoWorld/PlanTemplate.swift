/// The rollout plan of the seed project, in its own words, with the markers gatekeeper reads:
/// `gate:` boxes `check` can prove, `step:` boxes `rollout` does, `accept:` boxes its evidence proves.
public enum PlanTemplate {
    public static let text = """
        # PLAN.md — Usage Semantics Alignment Rollout (Wait for New `alchemy-llm` Release)

        ## Status
        - **Planning only**.
        - **Do not implement yet** until the new crate version is published.
        - The upstream fix exists on `alchemy-rs` master (`4409a50`).

        ## Goal
        Adopt the upstream `alchemy-llm` usage semantics fix so the Rust and Python paths align on provider-raw usage meaning.

        ## Hard Gate (must be true before any code changes)
        - [ ] New `alchemy-llm` crate version is published. <!-- gate:published -->
        - [ ] Release notes/changelog confirm the usage fix includes: <!-- gate:provider-raw gate:total-tokens gate:cache-fields gate:overflow-input-only -->
          - [ ] provider-raw `input/output` <!-- gate:provider-raw -->
          - [ ] provider `total_tokens` support <!-- gate:total-tokens -->
          - [ ] cache read/write field parsing <!-- gate:cache-fields -->
          - [ ] overflow check update (`input` only, no `+ cache_read`) <!-- gate:overflow-input-only -->
        - [ ] The release was built from the fix commit or a descendant of it. <!-- gate:provenance -->

        ---

        ## Scope of Work (after crate release)

        ### 1) Dependency upgrade
        Files:
        - `Cargo.toml`
        - `bindings/alchemy_llm_py/Cargo.toml`

        Tasks:
        - [ ] Bump `alchemy-llm` from `0.1.1` to `NEW_VERSION` (published version). <!-- step:bump -->
        - [ ] Refresh lockfile. <!-- step:bump -->

        ### 2) Contract and regression tests
        - [ ] Run the usage contract suite. <!-- step:contracts -->
        - [ ] Add case where `completion_tokens_details.reasoning_tokens` exists and confirm **not** added to `output`.
        - [ ] Add case where provider sends `total_tokens` and confirm we preserve it.

        ### 3) Verification runbook
        - [ ] Run the Rust path and the Python path; save full outputs to `data/` (events + final message). <!-- step:captures -->
        - [ ] Diff usage semantics and verify expected parity. <!-- step:parity -->

        ---

        ## Execution Checklist (ordered)
        1. [ ] Confirm crate release is live. <!-- gate:published -->
        2. [ ] Create branch for rollout. <!-- step:branch -->
        3. [ ] Bump Rust dependencies + lockfile. <!-- step:bump -->
        4. [ ] Run full QA suite. <!-- step:qa -->
        5. [ ] Run live parity captures. <!-- step:captures step:parity -->
        6. [ ] Update docs/changelog.
        7. [ ] Open PR with evidence artifacts in `data/`. <!-- step:evidence -->

        ---

        ## Acceptance Criteria
        - [ ] The project depends on the released `alchemy-llm` version containing the usage fix. <!-- accept:released-version -->
        - [ ] Rust and Python usage semantics are aligned (provider-raw). <!-- accept:semantics-aligned -->
        - [ ] `output` excludes reasoning-token double-counting. <!-- accept:reasoning-not-in-output -->
        - [ ] `total_tokens` preserves provider value when present. <!-- accept:total-tokens-preserved -->
        - [ ] Cache read/write fields are correctly populated when provider reports them. <!-- accept:cache-fields -->
        - [ ] Test suite + lint + pre-commit pass. <!-- accept:suites-pass -->
        - [ ] Live captures demonstrate contract integrity end-to-end. <!-- accept:captures-prove-contract -->

        """
}
