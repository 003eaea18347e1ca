"""The one way HelperDesk builds a sortable, row-selecting table over a model."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QSortFilterProxyModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from ui.models import SORT_ROLE


def sorted_table(
    parent: QWidget,
    model: QAbstractItemModel,
    *,
    name: str,
    sort_column: int,
    stretch_column: int,
    descending: bool = False,
) -> tuple[QSortFilterProxyModel, QTableView]:
    """A proxy sorting by SORT_ROLE and a single-row-selecting table showing it.

    Columns fit their contents except ``stretch_column``, which takes the rest;
    Tab leaves the table (keyboard users move on to the buttons), and ``name``
    is what a screen reader announces.
    """
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView(parent)
    table.setAccessibleName(name)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    order = Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
    table.sortByColumn(sort_column, order)
    table.setTabKeyNavigation(False)
    select_whole_rows(table, stretch_column)
    return proxy, table


def select_whole_rows(table: QTableView, stretch_column: int) -> None:
    """One row selected at a time, no row numbers; columns fit their contents
    except ``stretch_column``, which takes the rest."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
