"""textfix check / fix over a tree of files: what is reported, what is written, exit codes."""

import codecs
import json
import os
import stat

import pytest

from textfix import cli, files
from textfix.config import Config

BROKEN = "你好,世界\n"
FIXED = "你好，世界\n"
BIG5_TEXT = "這是一個測試,我們很高興見到你。\n"
MARKDOWN = "说明,如下:\n\n```python\nprint(\"你好,世界\")\n```\n\n    缩进的代码\n结束。\n"


def _tree(root):
    """The tree the issue names: each kind of file once. Returns {name: original bytes}."""
    made = {
        "utf8.txt": BROKEN.encode(),
        "gbk.txt": "中文,测试\n".encode("gbk"),
        "big5.txt": BIG5_TEXT.encode("big5"),
        "bom.txt": codecs.BOM_UTF8 + BROKEN.encode(),
        "crlf.txt": "第一行,好\r\n第二行!\r\n".encode(),
        "doc.md": MARKDOWN.encode(),
        "data.bin": b"\x00\x01\x02" + "中文,".encode(),
        "clean.txt": "已经干净的文本。\n".encode(),
        "readonly.txt": "只读的干净文件。\n".encode(),
        "block.txt": "前面,改\ntextfix: off\n这里,不改\ntextfix: on\n后面,改\n".encode(),
        "skip.txt": f"textfix: ignore-file\n{BROKEN}".encode(),
        "sub/deep.txt": BROKEN.encode(),
        ".hidden/x.txt": BROKEN.encode(),
    }
    for name, data in made.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    os.chmod(root / "readonly.txt", 0o444)
    os.chmod(root / "utf8.txt", 0o640)
    os.symlink("utf8.txt", root / "link.txt")
    return made


EXPECTED = {
    "utf8.txt": FIXED.encode(),
    "gbk.txt": "中文，测试\n".encode(),
    "big5.txt": BIG5_TEXT.replace(",", "，").encode(),
    "bom.txt": codecs.BOM_UTF8 + FIXED.encode(),
    "crlf.txt": "第一行，好\r\n第二行！\r\n".encode(),
    "doc.md": MARKDOWN.replace("说明,如下:", "说明，如下：").encode(),
    "block.txt": "前面，改\ntextfix: off\n这里,不改\ntextfix: on\n后面，改\n".encode(),
    "sub/deep.txt": FIXED.encode(),
}


def _snapshot(root):
    return {p.relative_to(root).as_posix(): (p.read_bytes(), os.lstat(p).st_mtime_ns)
            for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


def _run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no settings file above a pytest tmp_path
    root = tmp_path / "tree"
    root.mkdir()
    return root, _tree(root)


def test_check_reports_and_changes_nothing(tree, capsys):
    root, _ = tree
    before = _snapshot(root)
    code, out, err = _run(capsys, "check", str(root), "-j", "1")
    assert code == 1
    reported = {line.split(" ", 2)[2].split(" (")[0] for line in out.splitlines()}
    assert reported == {str(root / name) for name in EXPECTED}
    assert "(gb18030 → utf-8)" in out and "(cp950 → utf-8)" in out
    assert "would be fixed" in err
    assert _snapshot(root) == before


def test_fix_writes_the_right_bytes_then_is_a_no_op(tree, capsys):
    root, made = tree
    before = _snapshot(root)
    code, out, err = _run(capsys, "fix", str(root))
    assert code == 1
    assert sorted(out.splitlines()) == sorted(f"Fixing {root / n}" + s for n, s in (
        (n, " (gb18030 → utf-8)" if n == "gbk.txt" else " (cp950 → utf-8)" if n == "big5.txt" else "")
        for n in EXPECTED))
    after = _snapshot(root)
    for name, data in made.items():
        want = EXPECTED.get(name, data)
        assert after[name][0] == want, name
        if name not in EXPECTED:  # not rewritten at all: its mtime stays
            assert after[name][1] == before[name][1], name
    assert stat.S_IMODE(os.stat(root / "utf8.txt").st_mode) == 0o640
    assert stat.S_IMODE(os.stat(root / "readonly.txt").st_mode) == 0o444
    assert os.path.islink(root / "link.txt") and os.readlink(root / "link.txt") == "utf8.txt"
    assert not [p for p in root.rglob(".textfix-*")]
    assert _run(capsys, "fix", str(root))[0] == 0
    assert _snapshot(root) == after
    assert _run(capsys, "check", str(root))[0] == 0


def test_fix_in_parallel_processes(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for i in range(12):
        (tmp_path / f"f{i:02}.txt").write_text(f"第{i}个,文件\n", encoding="utf-8")
    code, out, _ = _run(capsys, "fix", "-j", "2", str(tmp_path))
    assert code == 1 and len(out.splitlines()) == 12
    assert all("，" in p.read_text(encoding="utf-8") for p in tmp_path.glob("*.txt"))


def test_symlink_named_is_fixed_through(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "real.txt").write_text(BROKEN, encoding="utf-8")
    os.symlink("real.txt", tmp_path / "link.txt")
    assert _run(capsys, "fix", "link.txt")[0] == 1
    assert os.path.islink(tmp_path / "link.txt")
    assert (tmp_path / "real.txt").read_text(encoding="utf-8") == FIXED


def test_read_only_file_that_needs_fixing_is_reported_not_replaced(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "ro.txt"
    path.write_text(BROKEN, encoding="utf-8")
    os.chmod(path, 0o444)
    code, _, err = _run(capsys, "fix", "ro.txt")
    assert code == 2 and "read-only" in err
    assert path.read_text(encoding="utf-8") == BROKEN


def test_diff_and_json(tree, capsys):
    root, _ = tree
    code, out, _ = _run(capsys, "check", "--diff", str(root / "utf8.txt"))
    assert code == 1
    assert "-你好,世界" in out and "+你好，世界" in out
    code, out, _ = _run(capsys, "check", "--format", "json", str(root / "crlf.txt"))
    assert code == 1
    report = json.loads(out)
    changes = report["files"][0]["changes"]
    assert [(c["line"], c["rule"], c["before"], c["after"]) for c in changes] == [
        (1, "comma", ",", "，"), (2, "exclamation", "!", "！")]
    assert all(c["file"] == str(root / "crlf.txt") for c in changes)


def test_keep_encoding(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "gbk.txt").write_bytes("中文,测试\n".encode("gbk"))
    be = codecs.BOM_UTF16_BE + "你好,世界\n".encode("utf-16-be")
    (tmp_path / "be.txt").write_bytes(be)
    assert _run(capsys, "fix", "--keep-encoding", "gbk.txt", "be.txt")[0] == 1
    assert (tmp_path / "gbk.txt").read_bytes() == "中文，测试\n".encode("gbk")
    assert (tmp_path / "be.txt").read_bytes() == codecs.BOM_UTF16_BE + FIXED.encode("utf-16-be")


def test_include_and_exclude(tree, capsys):
    root, _ = tree
    code, out, _ = _run(capsys, "check", "--include", "*.md", str(root))
    assert code == 1 and out.splitlines() == [f"Would fix {root / 'doc.md'}"]
    code, out, _ = _run(capsys, "check", "--exclude", "sub", "--exclude", "*.txt", str(root))
    assert out.splitlines() == [f"Would fix {root / 'doc.md'}"]


def test_settings_from_pyproject_and_command_line_wins(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.textfix]\npunctuation = false\n', encoding="utf-8")
    (tmp_path / "a.txt").write_text(BROKEN, encoding="utf-8")
    (tmp_path / "b.txt").write_text("软件\n", encoding="utf-8")
    assert _run(capsys, "check", "a.txt")[0] == 0
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")  # found from the working folder upwards
    assert _run(capsys, "check", "../a.txt")[0] == 0
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".textfix.toml").write_text('to = "s2twp"\n', encoding="utf-8")
    assert _run(capsys, "fix", "b.txt", "a.txt")[0] == 1
    assert (tmp_path / "b.txt").read_text(encoding="utf-8") == "軟體\n"
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == FIXED  # .textfix.toml came first


@pytest.mark.parametrize("content, message", [
    ('[tool.textfix]\ncolour = "red"\n', "unknown setting 'colour'"),
    ('[tool.textfix]\nrepair = "yes"\n', "must be bool"),
    ('[tool.textfix\n', "invalid TOML"),
])
def test_bad_settings_are_one_line_usage_errors(tmp_path, capsys, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text(content, encoding="utf-8")
    (tmp_path / "a.txt").write_text(BROKEN, encoding="utf-8")
    code, out, err = _run(capsys, "check", "a.txt")
    assert code == 2 and out == "" and message in err and len(err.splitlines()) == 1


@pytest.mark.parametrize("argv", [["check", "missing.txt"], ["fix", "--to", "nope", "."], ["check"],
                                  ["fix", "-j", "0", "."]])
def test_usage_errors(tmp_path, capsys, monkeypatch, argv):
    monkeypatch.chdir(tmp_path)
    code, out, err = _run(capsys, *argv)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_failed_write_leaves_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_bytes(b"old")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", boom)
    with pytest.raises(OSError):
        files.write_atomic(str(path), b"new")
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


def test_fix_file_keeps_mixed_line_endings():
    data = "一,\r\n二,\n三,\r四,".encode()
    got = files.fix_file(data, Config())
    assert got.new == "一，\r\n二，\n三，\r四，".encode()
    assert files.fix_file(got.new, Config()).status == "unchanged"


@pytest.mark.parametrize("codec", ["utf-16", "utf-32", "utf-16-be", "utf-32-be"])
def test_files_with_a_bom_are_text_not_binary(codec):
    bom = {"utf-16-be": codecs.BOM_UTF16_BE, "utf-32-be": codecs.BOM_UTF32_BE}.get(codec, b"")
    data = bom + BROKEN.encode(codec)
    got = files.fix_file(data, Config())
    assert got.status == "changed" and got.new == codecs.BOM_UTF8 + FIXED.encode()


def test_quotes_and_spacing_reach_check_and_fix(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text('他说:"在Python里"\n', encoding="utf-8")
    code, _, _ = _run(capsys, "fix", "--quotes", "corner", "--spacing", "add", "a.txt")
    assert code == 1
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "他说：「在 Python 里」\n"
    (tmp_path / "pyproject.toml").write_text('[tool.textfix]\nquotes = "curly"\n', encoding="utf-8")
    assert _run(capsys, "fix", "a.txt")[0] == 1
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "他说：“在 Python 里”\n"
    (tmp_path / "pyproject.toml").write_text('[tool.textfix]\nquotes = "round"\n', encoding="utf-8")
    code, _, err = _run(capsys, "check", "a.txt")
    assert code == 2 and "quotes" in err
