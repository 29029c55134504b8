#pragma once

#include <vae/types.h>

#include <QAbstractTableModel>

#include <functional>
#include <vector>

namespace vae::gui {

/// One row of the worst-reconstructed list: a test image and its loss terms.
struct WorstEntry {
    int index = 0; ///< position in the test set
    int label = 0;
    vae::LossTerms terms;
};

/// The worst-reconstructed test images as a table: rank, image index, class, reconstruction term
/// (nats); all terms in each row's tooltip. Read-only; setEntries() replaces all rows at once.
class WorstListModel final : public QAbstractTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WorstListModel)

public:
    enum Column { RankColumn, IndexColumn, LabelColumn, ReconstructionColumn, ColumnCount };
    /// The test-set index of a row, under Qt::UserRole in every column.
    static constexpr int IndexRole = Qt::UserRole;

    explicit WorstListModel(QObject* parent = nullptr);
    /// How a label is named in the class column and the tooltips (default: the number).
    void setClassLabel(std::function<QString(int)> classLabel);

    void setEntries(std::vector<WorstEntry> entries);
    [[nodiscard]] const std::vector<WorstEntry>& entries() const { return m_entries; }
    /// The row showing test image `index`, or -1.
    [[nodiscard]] int rowOf(int index) const;

    [[nodiscard]] int rowCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] int columnCount(const QModelIndex& parent = {}) const override;
    [[nodiscard]] QVariant data(const QModelIndex& index,
                                int role = Qt::DisplayRole) const override;
    [[nodiscard]] QVariant headerData(int section, Qt::Orientation orientation,
                                      int role = Qt::DisplayRole) const override;

private:
    std::vector<WorstEntry> m_entries;
    std::function<QString(int)> m_classLabel;
};

} // namespace vae::gui
