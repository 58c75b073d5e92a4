"""The Sync menu of the main window, and running syncs without blocking anyone.

A network sync runs on its own background thread; each of its database steps is handed to the
single worker (`Worker.run_now`), so the database keeps one writer and the user's saves slip in
between the steps instead of waiting for the network. USB export and import are database and
file work: they run on the worker like any other call. The sync thread never touches Qt: it
writes its progress and outcome into a `SyncRun`, which a timer on the GUI thread reads.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

from app.domain.errors import DomainError
from app.services.setup import AppServices
from app.services.sync import SyncService
from app.services.sync_errors import SyncError, refusal
from app.services.sync_results import (
    ImportResult,
    Progress,
    Recovered,
    Stage,
    SyncResult,
    SyncStatus,
)
from app.ui.common import file_dialogs, messages
from app.ui.common.worker import Worker
from app.ui.sync import texts
from app.ui.sync.dialog import SyncDialog, overall_percent
from app.ui.sync.status import SyncIndicator

log = logging.getLogger(__name__)
POLL_MS = 100
REFRESH_MS = 30_000


class SyncRun:
    """One network sync: written by its thread, read by the GUI timer (no Qt in between)."""

    def __init__(self) -> None:
        self.cancel = threading.Event()
        self.done = threading.Event()
        self.progress: Progress | None = None
        self.result: SyncResult | None = None
        self.error: BaseException | None = None

    def report(self, progress: Progress) -> None:
        self.progress = progress  # one reference store: atomic under the GIL


def choose_folder(parent: QWidget | None, title: str) -> Path | None:
    """Where to export (tests replace this: a file dialog would wait for a click)."""
    return file_dialogs.existing_folder(parent, title)


def choose_answers(parent: QWidget | None, title: str, kinds: str) -> list[Path]:
    return file_dialogs.open_files(parent, title, kinds)


class SyncController(QObject):
    status_changed = Signal(object)  # SyncStatus, emitted on the GUI thread
    finished = Signal(bool)  # an operation ended: True if it succeeded

    def __init__(self, services: AppServices, worker: Worker, parent: QWidget) -> None:
        super().__init__(parent)
        self._window = parent
        self._worker = worker
        self.service = SyncService(services.ctx)
        self._demo = services.is_demo
        self.indicator = SyncIndicator()
        self.dialog: SyncDialog | None = None
        self.run: SyncRun | None = None
        self.busy = False
        self.last_message = ""
        self.sync_action = self._action(self.tr("Sync now"), self.sync_now, "Ctrl+Shift+S")
        self.export_action = self._action(self.tr("Export to a USB stick…"), self.ask_export)
        self.import_action = self._action(self.tr("Import from a USB stick…"), self.ask_import)
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self._check_run)
        self._refresh = QTimer(self)
        self._refresh.setInterval(REFRESH_MS)
        self._refresh.timeout.connect(self.refresh)
        self._refresh.start()
        self.refresh()

    def _action(self, text: str, slot: Any, shortcut: str | None = None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def add_menu(self, bar: QMenuBar) -> QMenu:
        menu = bar.addMenu(self.tr("S&ync"))
        menu.addAction(self.sync_action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.import_action)
        return menu

    # -- status -----------------------------------------------------------------------------

    def stop(self) -> None:
        """Stop the timers (the window is closing): nothing is asked of the worker after."""
        self._refresh.stop()
        self._poll.stop()

    def refresh(self) -> None:
        if self.busy or self._worker.closed:
            return  # the indicator shows the progress (refreshed when it ends), or we quit
        self._worker.submit(self.service.status, self._show_status, self._status_failed, owner=self)

    def _show_status(self, status: SyncStatus) -> None:
        self.indicator.show_status(status)
        self.status_changed.emit(status)

    def _status_failed(self, err: BaseException) -> None:
        log.warning("sync status unavailable: %s", err)

    # -- network ----------------------------------------------------------------------------

    def sync_now(self) -> None:
        dialog = self._open_dialog()
        if self.busy:
            return
        self._begin(self.tr("Syncing with headquarters…"))
        run = SyncRun()
        self.run = run
        dialog.show_progress(Progress(Stage.PREPARING, 0, 0))
        service, run_db = self.service, self._worker.run_now
        thread = threading.Thread(
            target=_sync_in_background, args=(service, run, run_db), name="sanad-sync", daemon=True
        )
        thread.start()
        self._poll.start()

    def cancel(self) -> None:
        if self.run is not None:
            self.run.cancel.set()

    def _check_run(self) -> None:
        run = self.run
        if run is None:
            self._poll.stop()
            return
        progress = run.progress
        if progress is not None and self.dialog is not None:
            self.dialog.show_progress(progress)
            if progress.stage in (Stage.SENDING, Stage.APPLYING):
                self.indicator.show_running(overall_percent(progress))
        if not run.done.is_set():
            return
        self._poll.stop()
        self.run = None
        if run.error is not None:
            self._failed(run.error)
        elif run.result is not None:
            self._end(self.describe_sync(run.result), failed=False)

    def describe_sync(self, result: SyncResult) -> str:
        if result.sent_batches == 0:
            first = self.tr("There was nothing new to send; headquarters has every change.")
        else:
            first = (
                self.tr("Batches sent: %1 · Changes sent: %2")
                .replace("%1", str(result.sent_batches))
                .replace("%2", str(result.sent_changes))
            )
        lines = [
            first,
            self.tr("Headquarters has acknowledged the changes up to number %1.").replace(
                "%1", str(result.acked_upto)
            ),
            self.tr("Changes still waiting: %1").replace("%1", str(result.pending_changes)),
        ]
        if result.recovered is not None:
            lines.insert(0, self._recovered(result.recovered, sent=True))
        return "\n".join(lines)

    def _recovered(self, recovered: Recovered, *, sent: bool) -> str:
        """A branch restored from an older copy, re-based on headquarters: what happened."""
        if sent:
            text = self.tr(
                "This branch was restored from an older copy. %1 records were recovered from "
                "headquarters, and %2 changes made on this copy were sent again. Nothing was lost."
            )
        else:
            text = self.tr(
                "This branch was restored from an older copy. %1 records were recovered from "
                "headquarters; %2 changes made on this copy will go with the next export: "
                "export to the USB stick again now."
            )
        return text.replace("%1", str(recovered.from_hq)).replace("%2", str(recovered.resent))

    # -- USB --------------------------------------------------------------------------------

    def _refused(self) -> bool:
        """The branch can never sync (demo) or is not enrolled: say so before asking for a
        folder (True), rather than after the user has found the USB stick."""
        refused = refusal(self._demo, self.indicator.status)
        if refused is None:
            return False
        self._open_dialog()
        self._end(texts.describe(refused), failed=True)
        return True

    def ask_export(self) -> None:
        if self.busy:
            self._open_dialog()
            return
        if self._refused():
            return
        folder = choose_folder(self._window, self.tr("Choose the USB stick (or a folder on it)"))
        if folder is not None:
            self.export_to(folder)

    def export_to(self, folder: Path) -> None:
        self._open_dialog()
        if self.busy:
            return
        self._begin(self.tr("Writing the changes to the USB stick…"))
        self._worker.submit(
            lambda: self.service.export(folder, poll=True),
            lambda files: self._exported(folder, files),
            self._failed,
            owner=self,
        )

    def _exported(self, folder: Path, files: list[Path]) -> None:
        if not files:
            text = self.tr("Nothing to export: headquarters has acknowledged every change.")
        elif len(files) == 1 and self.service.is_poll(files[0]):
            text = "\n".join(
                [
                    self.tr(
                        "Nothing new to send. A request for headquarters' news (decisions, "
                        "reference data) was written: %1"
                    ).replace("%1", file_dialogs.isolate(files[0])),
                    self.tr("Take it to headquarters, then import the answer file they give you."),
                ]
            )
        else:
            text = "\n".join(
                [
                    self.tr("Batch files written: %1").replace("%1", str(len(files))),
                    self.tr("Folder: %1").replace("%1", file_dialogs.isolate(folder)),
                    self.tr(
                        "Take them to headquarters, then import the answer files they give you."
                    ),
                ]
            )
        self._end(text, failed=False)

    def ask_import(self) -> None:
        if self.busy:
            self._open_dialog()
            return
        if self._refused():
            return
        files = choose_answers(
            self._window,
            self.tr("Choose the answer files from headquarters"),
            self.tr("Answers from headquarters (*.receipt.sanad);;Sanad files (*.sanad)"),
        )
        if files:
            self.import_files(files)

    def import_files(self, files: list[Path]) -> None:
        self._open_dialog()
        if self.busy:
            return
        self._begin(self.tr("Importing the answer from headquarters…"))
        service = self.service
        self._worker.submit(
            lambda: [service.import_file(path) for path in files],
            self._imported,
            self._failed,
            owner=self,
        )

    def _imported(self, results: list[ImportResult]) -> None:
        last = results[-1]
        text = "\n".join(
            [
                self.tr("Answer lines applied: %1 (already applied before: %2)")
                .replace("%1", str(sum(r.applied for r in results)))
                .replace("%2", str(sum(r.skipped for r in results))),
                self.tr("Headquarters has acknowledged the changes up to number %1.").replace(
                    "%1", str(last.acked_upto)
                ),
                self.tr("Changes still waiting: %1").replace("%1", str(last.pending_changes)),
            ]
        )
        recovered = next((r.recovered for r in results if r.recovered is not None), None)
        if recovered is not None:
            text = self._recovered(recovered, sent=False) + "\n" + text
        self._end(text, failed=False)

    # -- shared -----------------------------------------------------------------------------

    def _open_dialog(self) -> SyncDialog:
        if self.dialog is None:
            self.dialog = SyncDialog(self._window)
            self.dialog.cancel_requested.connect(self.cancel)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog

    def _begin(self, title: str) -> None:
        self.busy = True
        self.last_message = ""
        for action in (self.sync_action, self.export_action, self.import_action):
            action.setEnabled(False)
        if self.dialog is not None:
            self.dialog.start(title)
        self.indicator.show_running(None)

    def _end(self, text: str, *, failed: bool) -> None:
        self.busy = False
        self.last_message = text
        for action in (self.sync_action, self.export_action, self.import_action):
            action.setEnabled(True)
        self.indicator.show_idle()
        if self.dialog is not None:
            self.dialog.finish(text, failed=failed)
        self.refresh()
        self.finished.emit(not failed)

    def _failed(self, err: BaseException) -> None:
        if isinstance(err, SyncError):
            text = texts.describe(err)
        elif isinstance(err, DomainError):
            text = messages.describe(err)
        else:
            text = messages.unexpected()
            self._worker.unhandled_error.emit(err)
        self._end(text, failed=True)


def _sync_in_background(service: SyncService, run: SyncRun, run_db: Any) -> None:
    """The sync thread: never touches Qt; its outcome waits in `run` for the GUI timer."""
    try:
        run.result = service.sync_now(progress=run.report, cancel=run.cancel, run_db=run_db)
    except BaseException as err:  # delivered to the GUI thread by the timer, never lost
        run.error = err
    finally:
        run.done.set()
