"""gate61: what a pull request can put in the gated plans' folders that the gate did not
see (a red team with only a pull request)."""

from __future__ import annotations

from collections.abc import Callable

from tests.conftest import Repo, Result

Cli = Callable[..., Result]


def _submodule(repo: Repo, path: str) -> None:
    """Commit a submodule at ``path`` as a checkout without submodules leaves it
    (actions/checkout's default, `submodules: false`): the pointer committed, an empty
    folder on disk. The commit it points to is any commit id; git never reads it here."""
    commit = repo.git("rev-parse", "HEAD").strip()
    repo.git("update-index", "--add", "--cacheinfo", f"160000,{commit},{path}")
    (repo.root / path).mkdir(parents=True, exist_ok=True)
    repo.git("commit", "-qm", f"a submodule at {path}")


def test_a_submodule_not_checked_out_among_the_plans_is_unusable(repo: Repo, cli: Cli) -> None:
    # A pull request that adds a submodule under plans/ commits a pointer to another
    # repository's plans: a checkout without submodules (CI's default) shows an empty
    # folder, so `check plans/ --policy-ref main` judged plans/acme.yaml alone and passed,
    # exit 0, while the submodule's plans (misaligned, or the organisation's money doubled)
    # entered the gated folder unread. A checked-out submodule's plans are a policy change
    # (review attack58); one not checked out is a folder whose plans cannot be read, which
    # the walk refuses as it refuses a folder it cannot list (exit 2).
    _submodule(repo, "plans/vendor")
    result = cli("check", "plans/", "--policy-ref", "main")
    assert result.code == 2, result.out + result.err
    said = result.out + result.err
    assert "plans/vendor: is a submodule that is not checked out" in said, said
    assert "submodules: true" in said


def test_a_submodule_not_checked_out_is_unusable_without_review_too(repo: Repo, cli: Cli) -> None:
    # Outside a review (a pre-commit hook, a local `check plans/`) the folder's plans are
    # as absent: judged as passing, they were never read.
    _submodule(repo, "plans/vendor")
    result = cli("check", "plans/")
    assert result.code == 2, result.out + result.err
    assert "plans/vendor: is a submodule that is not checked out" in result.out + result.err


def test_a_submodule_checked_out_among_the_plans_is_still_judged(repo: Repo, cli: Cli) -> None:
    # The same pointer with the submodule's files on disk: its plans are read (and, under
    # review, said as a policy change, as before): nothing here refuses it.
    _submodule(repo, "plans/vendor")
    (repo.root / "plans/vendor/.git").write_text("gitdir: ../../.git/modules/vendor\n")
    (repo.root / "plans/vendor/acme.yaml").write_text(
        (repo.root / "plans/acme.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    result = cli("check", "plans/")
    assert result.code == 0, result.out + result.err
    assert "not checked out" not in result.out + result.err
