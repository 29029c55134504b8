#include "tools/inspector/worstlistmodel.h"

#include <QLocale>

namespace vae::gui {

WorstListModel::WorstListModel(QObject* parent) : QAbstractTableModel(parent) {}

void WorstListModel::setClassLabel(std::function<QString(int)> classLabel)
{
    m_classLabel = std::move(classLabel);
}

void WorstListModel::setEntries(std::vector<WorstEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

int WorstListModel::rowOf(int index) const
{
    for (std::size_t row = 0; row < m_entries.size(); ++row)
        if (m_entries[row].index == index)
            return static_cast<int>(row);
    return -1;
}

int WorstListModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int WorstListModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WorstListModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const WorstEntry& entry = m_entries[static_cast<std::size_t>(index.row())];
    if (role == IndexRole)
        return entry.index;
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        const QLocale locale;
        return tr("Test image #%1, %2\nreconstruction %3 nats, KL %4 nats, ELBO %5 nats")
            .arg(entry.index)
            .arg(m_classLabel ? m_classLabel(entry.label) : QString::number(entry.label))
            .arg(locale.toString(entry.terms.reconstruction, 'f', 2),
                 locale.toString(entry.terms.kl, 'f', 2),
                 locale.toString(entry.terms.elbo, 'f', 2));
    }
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case RankColumn:
        return index.row() + 1;
    case IndexColumn:
        return entry.index;
    case LabelColumn: // the class's name ("Sneaker", "digit 7") where the data names it
        return m_classLabel ? QVariant(m_classLabel(entry.label)) : QVariant(entry.label);
    case ReconstructionColumn:
        return locale.toString(entry.terms.reconstruction, 'f', 1);
    default:
        return {};
    }
}

QVariant WorstListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole && section == ReconstructionColumn)
        return tr("−E_q[log p(x|z)] in nats (the list's Monte-Carlo estimate)");
    if (role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RankColumn:
        return tr("Rank");
    case IndexColumn:
        return tr("Image");
    case LabelColumn:
        return tr("Class");
    case ReconstructionColumn:
        return tr("Reconstruction (nats)");
    default:
        return {};
    }
}

} // namespace vae::gui
