"""The command line: ingest files, folders and globs; status; rejected --batch; publish; exit codes
(0 loaded, possibly with quarantined rows; 1 a file refused; 2 a usage or mapping mistake) and
bilingual messages naming the file, the row and the rule."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from jiedao import db
from pipelines.__main__ import main
from tests.conftest import FIXTURES, ROOT

BAD = FIXTURES / "bad"


def cli(capsys, *args) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().out


@pytest.fixture
def inbox(tmp_path):
    """A folder with the sample communities and tickets, and a second folder for a glob."""
    folder = tmp_path / "inbox" / "2026-10"
    folder.mkdir(parents=True)
    for path in (FIXTURES / "sample").iterdir():
        shutil.copy(path, folder / path.name)
    more = tmp_path / "more"
    more.mkdir()
    shutil.copy(BAD / "closed_before_received.csv", more / "closed_before_received.csv")
    shutil.copy(BAD / "duplicate_key.csv", more / "duplicate_key.csv")
    return tmp_path


def test_ingest_a_folder_then_a_glob_status_and_rejected(data_dir, inbox, capsys):
    code, out = cli(capsys, "ingest", str(inbox / "inbox"))
    assert code == 0
    assert "已发布快照 published snapshot" in out and db.current_version() is not None
    code, out = cli(capsys, "ingest", str(inbox / "more" / "*.csv"), "--no-publish")
    assert code == 0
    assert (
        "closed_before_received.csv 第 3 行 / row 3: [closed_before_received] 办结时间：办结时间早于受理时间 / "
        "closed_at: closed before it was received [值 value: 2025-03-02 17:00:00]" in out
    )
    assert "duplicate_key.csv 第 4 行 / row 4: [duplicate_key] 工单编号与本文件第 2 行重复" in out
    code, out = cli(capsys, "status")
    assert code == 0
    # by hand: 12345工单 has 20 tickets of October 2026. The glob loads closed_before_received.csv
    # first (C001, C003 of March 2025 loaded, C002 quarantined), then duplicate_key.csv, which as a
    # re-export of March 2025 replaces C001 and C003 with D001 and D002 (D001 again quarantined):
    # 20 + 2 = 22 tickets.
    assert re.search(r"12345工单 hotline_ticket\s*│\s*22", out)
    assert re.search(r"社区 community\s*│\s*9", out)
    con = db.connect(db.warehouse_path())
    batch = db.scalar(con, "SELECT batch_id FROM load_log WHERE file_name = 'duplicate_key.csv'")
    con.close()
    code, out = cli(capsys, "rejected", "--batch", str(batch))
    assert code == 0
    assert f"批次 batch #{batch} duplicate_key.csv: 1 行被隔离 rows quarantined" in out
    assert "duplicate_key.csv 第 4 行 / row 4: [duplicate_key]" in out and '"工单编号":"D001"' in out


def test_a_refused_file_exits_1_naming_file_and_cause(data_dir, capsys):
    code, out = cli(capsys, "ingest", str(BAD / "corrupt.xlsx"), "--source", "hotline_ticket")
    assert code == 1
    assert "corrupt.xlsx: Excel 文件损坏或无法打开" in out and "corrupt or unreadable Excel file" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["ingest", "x.csv", "--mapping", "no_such_mapping"], "映射文件不存在 / mapping file not found"),
        (["rejected", "--batch", "999"], "批次 #999 不存在 / batch #999 does not exist"),
    ],
)
def test_usage_mistakes_exit_2(data_dir, capsys, args, words):
    code, out = cli(capsys, *args)
    assert code == 2 and words in out


def test_an_empty_folder_exits_2(data_dir, tmp_path, capsys):
    empty = tmp_path / "inbox"
    empty.mkdir()
    code, out = cli(capsys, "ingest", str(empty))
    assert code == 2 and "没有找到要导入的文件 / no files to ingest in: " in out and str(empty) in out


def test_publish(data_dir, capsys):
    code, out = cli(capsys, "publish")
    assert code == 0 and db.current_version() in out


def test_python_dash_m_pipelines_exit_code_and_dry_run(data_dir):
    env = {**os.environ, "JIEDAO_DATA": str(data_dir), "JIEDAO_SECRET": "test-secret", "COLUMNS": "200"}
    done = subprocess.run(
        [sys.executable, "-m", "pipelines", "ingest", str(BAD / "bad_date.csv"), "--dry-run"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "bad_date.csv 第 3 行 / row 3: [bad_timestamp] 受理时间：时间无法识别" in done.stdout
    con = db.connect(db.warehouse_path())
    assert db.scalar(con, "SELECT count(*) FROM hotline_ticket") == 0  # a dry run writes nothing
    con.close()


def test_a_folder_is_loaded_places_first_telling_kinds_from_the_first_rows(con):
    from pipelines.__main__ import ordered
    from pipelines.load import guess_kind

    sample = FIXTURES / "sample"
    tickets, communities = sample / "12345工单_2026年10月.csv", sample / "社区名单.csv"  # GB18030, UTF-8
    assert (guess_kind(con, tickets), guess_kind(con, communities)) == ("hotline_ticket", "community")
    # alphabetically the tickets come first; they name communities, so the communities load first
    assert ordered(con, [tickets, communities], None, None) == [communities, tickets]
    assert db.scalar(con, "SELECT count(*) FROM load_log") == 0  # telling kinds loads nothing
