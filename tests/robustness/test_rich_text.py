"""Issue 16 item 12: text from playbooks and from the agent is shown as written, never as HTML.

A red-thought example `<img src="file:///…">` painted a local image in the exercise, and a
reframe with tags was rendered as markup on the finished page."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as GuiQt  # mightBeRichText is a QtGui function
from PySide6.QtWidgets import QLabel

from desktop_app.core.library.facade import open_library
from desktop_app.ui.stress.panel import StressPanel

HOSTILE = '<img src="file:///etc/hostname"><b>都怪我</b>'
PLAYBOOK = textwrap.dedent(f"""
    format: 1
    industry: ecommerce
    redgreen:
      emotion_words: [委屈, 生气]
      patterns:
        blaming:
          red: ['{HOSTILE}']
          green: [这次我可以先确认订单号。]
    """)


@pytest.fixture
def panel(qtbot, tmp_path):
    folder = tmp_path / "pb"
    folder.mkdir()
    (folder / "hostile.yaml").write_text(PLAYBOOK, encoding="utf-8")
    library = open_library(sync=False)
    library.import_paths(folder)
    w = StressPanel(library)
    w.clock = lambda: dt.datetime(2025, 3, 14, 15, 30)
    w.refresh()
    qtbot.addWidget(w)
    yield w
    library.close()


def _rich_labels(widget) -> list[str]:
    return [label.text() for label in widget.findChildren(QLabel)
            if label.textFormat() != Qt.TextFormat.PlainText and GuiQt.mightBeRichText(label.text())]


def test_red_thought_examples_from_a_playbook_are_plain_text(panel):
    shown = [label for label in panel.flow.findChildren(QLabel) if HOSTILE in label.text()]
    assert shown, "the example is shown"
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in shown)
    assert _rich_labels(panel) == []


def test_the_finished_reframe_is_plain_text(panel):
    flow = panel.flow
    ex = flow.log.start_exercise(before=8)
    flow.log.save_step(ex, "reframe", reframe="<b>其实</b><img src='file:///etc/hostname'>")
    flow.log.finish_exercise(ex, after=4)
    flow.done_reframe.setText(f"你的绿色想法：{flow.log.exercise(ex).reframe}")
    assert flow.done_reframe.textFormat() == Qt.TextFormat.PlainText
    assert _rich_labels(panel) == []
