import Runbook
import Testing

/// What init reads from a plan: commit ids a reader sees in inline code, and the QA block.
@Suite struct PlanReferencesTests {
    @Test func commitIdsInInlineCodeAreFoundWithTheirLines() {
        let plan = """
            # Plan
            The fix is on master (`4409a50`), merged as `E8678AA01FD3A448CC43F424CEBABB212F555CB3`.
            """
        let commits = PlanReferences.read(plan).commits
        #expect(commits.map(\.abbreviation) == ["4409a50", "e8678aa01fd3a448cc43f424cebabb212f555cb3"])
        #expect(commits.map(\.line) == [2, 2])
    }

    @Test func whatIsNotACommitIdOrNotSeenIsIgnored() {
        let plan = """
            Issue `1234567` (digits only), version `0.1.2`, short `abc12`, word `deadline`.
            <!-- the old fix was `abcdef1` -->
            ```bash
            git cherry-pick `fedcba9`
            ```
            Too long: `0123456789abcdef0123456789abcdef012345678`.
            """
        #expect(PlanReferences.read(plan).commits == [])
    }

    @Test func theQABlockIsTheFirstShellFenceUnderAQAHeading() {
        let plan = """
            ## Suggested commands
            ```bash
            cargo update -p alchemy-llm --precise NEW_VERSION
            ```

            ## QA Commands (post-implementation)
            Run these:
            ```bash
            # the unit tests
            $ uv run pytest -q
            uv run pylint --disable=all \\
                --enable=duplicate-code tinyagent

            uv run pre-commit run --all-files
            ```
            ```bash
            echo not this block
            ```
            """
        let qa = PlanReferences.read(plan).qa
        #expect(qa?.commands == ["uv run pytest -q", "uv run pylint --disable=all --enable=duplicate-code tinyagent", "uv run pre-commit run --all-files"])
        #expect(qa?.heading == "QA Commands (post-implementation)")
        #expect(qa?.lines == 10...14)
    }

    @Test func noQAHeadingOrABlockOutsideItsSectionIsNone() {
        // "SQA" is not QA; the fence after the next heading of the same level is not the QA section's.
        let plans = [
            "## SQAT results\n```bash\nmake sqat\n```\n",
            "## QA\nWe run the usual things.\n## Other\n```bash\nmake other\n```\n",
            "## QA\n```toml\nqa = [\"x\"]\n```\n",
            "## QA\n```\n# only a comment\n\n```\n",
        ]
        for plan in plans { #expect(PlanReferences.read(plan).qa == nil, "\(plan)") }
        // The control: a subsection under the QA heading still belongs to it.
        #expect(PlanReferences.read("## QA\n### Linux\n```sh\nmake check\n```\n").qa?.commands == ["make check"])
    }
}
