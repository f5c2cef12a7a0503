"""`calmdesk playbooks export|import|check` with Excel, CSV and zip packs; `calmdesk --selftest`."""

from __future__ import annotations

import zipfile

from openpyxl import load_workbook

from tests.cli.runner import run_cli as run


def test_export_then_preview_then_import(imported, tmp_path, capsys):
    target = tmp_path / "lib.xlsx"
    code, out, _ = run(capsys, "playbooks", "export", target)
    assert code == 0 and "已导出 1 个话术文件" in out
    wb = load_workbook(target)
    wb["话术"].append(["sample.yaml", "t_refund", "", "", "", "", "谢", "", "谢谢您这么信任我们。", "", ""])
    wb.save(tmp_path / "edited.xlsx")

    code, out, _ = run(capsys, "playbooks", "import", tmp_path / "edited.xlsx", "--dry-run")
    assert code == 0 and "sample.yaml: 新增 1，修改 0，删除 0" in out and "+ 谢谢您这么信任我们。" in out
    assert out.strip().endswith("预览（未写入）：新增 1 条，修改 0 条，删除 0 条，未变 19 条")
    code, out, _ = run(capsys, "playbooks", "import", tmp_path / "edited.xlsx", "--dry-run")
    assert "新增 1" in out  # the preview wrote nothing
    code, out, _ = run(capsys, "playbooks", "import", tmp_path / "edited.xlsx")
    assert code == 0 and "已导入：新增 1 条" in out
    code, out, _ = run(capsys, "search", "信任", "--json")
    assert "谢谢您这么信任我们。" in out


def test_bad_pack_prints_cells_and_imports_nothing(imported, tmp_path, capsys):
    run(capsys, "playbooks", "export", tmp_path / "lib.xlsx")
    wb = load_workbook(tmp_path / "lib.xlsx")
    wb["话术"].append(["sample.yaml", "t_refund", "", "", "", "", "办理", "", "新的一句。", "", ""])
    wb["话术"].append(["sample.yaml", "t_refund", "", "", "", "", "办", "", "另一句新的。", "", ""])
    wb.save(tmp_path / "bad.xlsx")
    code, out, err = run(capsys, "playbooks", "import", tmp_path / "bad.xlsx")
    assert code == 1 and "bad.xlsx[话术]:21: 阶段（G列）: 未知的取值「办理」" in out and "什么都没有导入" in out
    assert "Traceback" not in out + err
    code, out, _ = run(capsys, "search", "另一句新的", "--json")
    assert "另一句新的" not in out
    code, out, _ = run(capsys, "playbooks", "check", tmp_path / "bad.xlsx")
    assert code == 1 and "共 1 处问题" in out


def test_csv_and_zip_packs(imported, tmp_path, capsys):
    csv = tmp_path / "wait.csv"
    csv.write_bytes("场景键,场景名称,行业,场景说明,触发词,阶段,话术\r\n"
                    "c_wait,排队太久,银行,客户排队等了很久,排队、等太久,听,让您久等了，您先说说要办什么业务。\r\n"
                    .encode("gbk"))
    code, out, _ = run(capsys, "playbooks", "check", csv)
    assert code == 0 and "通过：1 个文件，1 个场景，1 条话术" in out

    evil = tmp_path / "evil.zip"
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("manifest.yaml", "name: x\nversion: 1\nauthor: y\n")
        zf.writestr("../../evil.yaml", (imported / "sample.yaml").read_text(encoding="utf-8"))
    code, out, _ = run(capsys, "playbooks", "import", evil)
    assert code == 1 and "压缩包以外" in out and "什么都没有导入" in out

    pack = tmp_path / "pack.zip"
    code, _, err = run(capsys, "playbooks", "export", pack)
    assert code == 2 and "--author" in err
    code, out, _ = run(capsys, "playbooks", "export", pack, "--author", "张老师", "--name", "分行包")
    assert code == 0
    code, out, _ = run(capsys, "playbooks", "import", pack, "--dry-run")
    assert code == 0 and "话术包：分行包 · 版本 1 · 作者 张老师" in out and "未变 19 条" in out


def test_export_refuses_to_overwrite_and_checks_the_format(imported, tmp_path, capsys):
    target = tmp_path / "lib.xlsx"
    assert run(capsys, "playbooks", "export", target)[0] == 0
    code, _, err = run(capsys, "playbooks", "export", target)
    assert code == 2 and "--force" in err
    assert run(capsys, "playbooks", "export", target, "--force")[0] == 0
    code, _, err = run(capsys, "playbooks", "export", tmp_path / "x.csv")
    assert code == 2 and "文件夹或 .zip" in err
    code, _, err = run(capsys, "playbooks", "export", tmp_path / "lib", "--format", "xlsx")
    assert code == 2 and ".xlsx" in err
    code, _, err = run(capsys, "playbooks", "export", tmp_path / "out", "--playbook", "nope.yaml")
    assert code == 2 and "sample.yaml" in err
    code, out, _ = run(capsys, "playbooks", "export", tmp_path / "out")
    assert code == 0 and (tmp_path / "out" / "sample.yaml").is_file()
    code, _, err = run(capsys, "playbooks", "export", tmp_path / "out")
    assert code == 2 and "sample.yaml" in err


def test_selftest_passes_from_source(capsys):
    # The frozen build runs the same self-test (scripts/build_and_smoke.sh); this keeps it green.
    code, out, err = run(capsys, "--selftest")
    assert code == 0, out + err
    assert "SELFTEST OK (from source" in out and "[ FAILED]" not in out
