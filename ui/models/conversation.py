"""A case's conversation as a tree: threads newest first, replies under what they answer.

Lazy like the flat lists: pages of the newest mails are fetched as the view
scrolls (``fetchMore``). With each page come the older mails its mails refer
to (looked up by Message-ID, an index), so a reply never arrives before the
mail it answers; later pages only add new children under shown mails or new
threads at the end, never reshuffle what is shown. Threads are ordered by
their newest mail; inside a thread, replies follow in the order they came.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from i18n import _
from storage.messages import MessageSummary, ThreadRow
from ui.models import messages
from ui.models.messages import FIRST_PAGE, PAGE_SIZE, summary_data, summary_text
from ui.models.rows import column_header
from ui.widgets.thread_tree import links_newest_first, norm, oldest_first_key, place

_Index = QModelIndex | QPersistentModelIndex
PageFetch = Callable[[int, int], list[ThreadRow]]  # (limit, offset), newest first
RefFetch = Callable[[list[str]], list[ThreadRow]]  # Message-IDs -> rows with them
MAX_ANCESTOR_ROUNDS = 20


@dataclass(eq=False)
class _Node:
    row: ThreadRow
    parent: _Node | None = None
    children: list[_Node] = field(default_factory=list)

    @property
    def summary(self) -> MessageSummary:
        return self.row.summary

    def latest(self) -> tuple[tuple[int, float], int]:
        best = oldest_first_key(self.row)
        for child in self.children:
            best = max(best, child.latest())
        return best


# The conversation's columns as the shared message-list columns.
_FIELDS = (messages.SUBJECT, messages.FROM, messages.DATE)


class ConversationModel(QAbstractItemModel):
    SUBJECT, FROM, DATE = range(3)
    COLUMNS = 3

    def __init__(self, parent: QObject | None = None, *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self._page = page_size
        self._fetch: PageFetch | None = None
        self._refs: RefFetch | None = None
        self._total = 0
        self._offset = 0  # rows taken from the pages so far
        self._roots: list[_Node] = []
        self._by_id: dict[int, _Node] = {}
        self._by_msgid: dict[str, int] = {}

    # -- loading ---------------------------------------------------------------

    def set_query(self, fetch: PageFetch | None, refs: RefFetch | None, total: int) -> None:
        self.beginResetModel()
        self._fetch, self._refs = fetch, refs
        self._total = total if fetch is not None else 0
        self._offset = 0
        self._roots, self._by_id, self._by_msgid = [], {}, {}
        if fetch is not None and total:
            for node in self._take(fetch(min(self._page, FIRST_PAGE), 0)):
                self._attach_silently(node)
        self.endResetModel()

    def clear(self) -> None:
        self.set_query(None, None, 0)

    @property
    def total(self) -> int:
        return self._total

    def loaded(self) -> int:
        return len(self._by_id)

    def canFetchMore(self, parent: _Index) -> bool:
        return not parent.isValid() and self._fetch is not None and self._offset < self._total

    def fetchMore(self, parent: _Index) -> None:
        if not self.canFetchMore(parent):
            return
        assert self._fetch is not None
        page = self._fetch(self._page, self._offset)
        if not page:
            self._total = self._offset  # the store changed under us: stop asking
            return
        for node in self._take(page):
            if node.parent is None:
                row = len(self._roots)
                self.beginInsertRows(QModelIndex(), row, row)
                self._roots.append(node)
                self.endInsertRows()
            else:
                siblings = node.parent.children
                row = _insert_position(siblings, node)
                self.beginInsertRows(self._index_of_node(node.parent), row, row)
                siblings.insert(row, node)
                self.endInsertRows()

    def _take(self, page: list[ThreadRow]) -> list[_Node]:
        """Turn a page (plus the older mails it refers to) into nodes to show, in order.

        Returns the topmost new nodes: new roots, newest thread first, and new
        children of mails already shown. Their own new replies hang under them.
        """
        self._offset += len(page)
        batch = {r.summary.id: r for r in page if r.summary.id not in self._by_id}
        self._add_ancestors(batch)
        parents = place(list(batch.values()), self._by_msgid)
        nodes = {mid: _Node(row) for mid, row in batch.items()}
        tops: list[_Node] = []
        for mid in sorted(nodes, key=lambda m: oldest_first_key(batch[m])):
            node, pid = nodes[mid], parents[mid]
            if pid is not None and pid in nodes:
                node.parent = nodes[pid]
                node.parent.children.append(node)  # oldest first already
            else:
                node.parent = self._by_id.get(pid) if pid is not None else None
                tops.append(node)
            self._by_id[mid] = node
            own = norm(node.summary.message_id)
            if own and own not in self._by_msgid:
                self._by_msgid[own] = mid
        new_roots = sorted((n for n in tops if n.parent is None), key=_Node.latest, reverse=True)
        return new_roots + [n for n in tops if n.parent is not None]

    def _add_ancestors(self, batch: dict[int, ThreadRow]) -> None:
        if self._refs is None:
            return
        wanted = {x for r in batch.values() for x in links_newest_first(r)}
        asked: set[str] = set()
        for _round in range(MAX_ANCESTOR_ROUNDS):
            missing = sorted(wanted - asked - set(self._by_msgid)
                             - {norm(r.summary.message_id) for r in batch.values()})
            if not missing:
                return
            asked.update(missing)
            found = [r for r in self._refs(missing)
                     if r.summary.id not in batch and r.summary.id not in self._by_id]
            for r in found:
                batch[r.summary.id] = r
                wanted.update(links_newest_first(r))

    def _attach_silently(self, node: _Node) -> None:
        if node.parent is None:
            self._roots.append(node)
        else:
            siblings = node.parent.children
            siblings.insert(_insert_position(siblings, node), node)

    # -- lookups ---------------------------------------------------------------------

    def summary(self, index: _Index) -> MessageSummary:
        return self._node(index).summary

    def index_of(self, message_id: int, *, fetch: bool = True) -> QModelIndex:
        """The index of a mail, fetching pages until it is shown (invalid if not in the list)."""
        while message_id not in self._by_id:
            if not fetch or not self.canFetchMore(QModelIndex()):
                return QModelIndex()
            self.fetchMore(QModelIndex())
        return self._index_of_node(self._by_id[message_id])

    def _index_of_node(self, node: _Node, column: int = 0) -> QModelIndex:
        siblings = node.parent.children if node.parent is not None else self._roots
        return self.createIndex(siblings.index(node), column, node)

    def _node(self, index: _Index) -> _Node:
        node = index.internalPointer()
        assert isinstance(node, _Node)
        return node

    # -- model API -------------------------------------------------------------------

    def index(self, row: int, column: int, parent: _Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= self.COLUMNS or row < 0:
            return QModelIndex()
        siblings = self._node(parent).children if parent.isValid() else self._roots
        if row >= len(siblings):
            return QModelIndex()
        return self.createIndex(row, column, siblings[row])

    def parent(self, index: _Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        up = self._node(index).parent
        return QModelIndex() if up is None else self._index_of_node(up)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._roots)
        if parent.column() != 0:
            return 0
        return len(self._node(parent).children)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return self.COLUMNS

    def hasChildren(self, parent: _Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._node(index)
        s, field = node.summary, _FIELDS[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole and field == messages.SUBJECT and node.parent:
            return _("Reply: {subject}").format(subject=summary_text(s, field))
        return summary_data(s, field, role)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        return column_header((_("Subject"), _("From"), _("Date")), section,
                             orientation, role)


def _insert_position(siblings: list[_Node], node: _Node) -> int:
    key = oldest_first_key(node.row)
    pos = len(siblings)
    while pos > 0 and oldest_first_key(siblings[pos - 1].row) > key:
        pos -= 1
    return pos
