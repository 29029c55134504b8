#pragma once

#include <vae/data_description.h>

#include <QColor>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <span>
#include <vector>

class QCheckBox;
class QCustomPlot;
class QLabel;
class QStackedLayout;

namespace vae::gui {

/// One example of a table (or several overlaid) as a profile of its F columns: the column names
/// along the horizontal axis, each column's value up the vertical one, in the data's original
/// units (the stored values are standardised for a Gaussian likelihood; this un-standardises
/// them with DataDescription::featureMean and featureScale). A check box switches to the
/// standardised values, where columns of very different units compare.
///
/// Readable for many columns: the bars get thinner, the names are slanted and only every k-th is
/// written when they would overlap, and hovering shows the column's full name and each value.
/// What the decoded views show instead of an image when ExampleImage::isTable() (DecodedView,
/// TileGridView, the tools' input and reconstruction panes).
class FeatureProfile final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FeatureProfile)

public:
    enum class Style {
        Bars, ///< one bar per column (a single example, or the input under its reconstruction)
        Line, ///< a line through the columns' values, drawn over the bars
    };
    /// One example shown: `values` are as stored or decoded (standardised, one per column).
    struct Series {
        QString name; ///< in the tooltip and, when not empty and `legend`, the legend
        std::vector<float> values;
        QColor colour;
        Style style = Style::Line;
        bool legend = true;
    };

    explicit FeatureProfile(QWidget* parent = nullptr);

    /// The columns: their names (featureNames, or "column k" when it has none) and the mean and
    /// scale that map stored values back to original units.
    void setColumns(const vae::DataDescription& description);
    /// Shows `series` (each with one value per column), the first drawn first.
    void setSeries(std::vector<Series> series);
    /// Shows one example of `description`'s table as it is in the data, grey bars, with what the
    /// model made of it drawn over them as a line (empty `reconstruction`: the input alone).
    void showInput(const vae::DataDescription& description, std::span<const float> input,
                   std::span<const float> reconstruction = {});
    /// Shows `message` instead of a profile.
    void clear(const QString& message);

    /// Shows standardised values (z-scores) instead of original units.
    void setShowStandardised(bool standardised);
    [[nodiscard]] bool showsStandardised() const;

    [[nodiscard]] int columnCount() const { return int(m_names.size()); }
    [[nodiscard]] int seriesCount() const { return int(m_series.size()); }
    /// The column names, one per column, as the tooltips give them.
    [[nodiscard]] const QStringList& columnNames() const { return m_names; }
    /// The values drawn for series `s`, one per column, in the units shown.
    [[nodiscard]] std::vector<double> shownValues(int s) const;
    /// The names written under the axis, one per column: empty where one is left out so the
    /// others do not overlap, and shortened with "…" when long.
    [[nodiscard]] QStringList axisLabels() const;
    /// What hovering column `column` shows: its name and each series' value.
    [[nodiscard]] QString toolTipText(int column) const;
    /// The column under a widget point of plot(), or −1.
    [[nodiscard]] int columnAt(QPoint plotPixel) const;
    [[nodiscard]] QCustomPlot* plot() const { return m_plot; }
    [[nodiscard]] QCheckBox* standardisedBox() const { return m_standardised; }

    /// The colours the views give an example as it is in the data (the input) and a decoded one.
    [[nodiscard]] static QColor dataColour() { return {0x8c, 0x8c, 0x8c}; }
    [[nodiscard]] static QColor decodedColour() { return {0x1f, 0x77, 0xb4}; }

    /// A stored example (standardised) in the original units of `description`'s columns.
    [[nodiscard]] static std::vector<double> originalUnits(const vae::DataDescription& description,
                                                           std::span<const float> values);

    [[nodiscard]] QSize sizeHint() const override { return {360, 240}; }
    [[nodiscard]] QSize minimumSizeHint() const override { return {160, 120}; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void rebuild();
    void updateAxisLabels();

    QStackedLayout* m_pages = nullptr;
    QLabel* m_message = nullptr;
    QCustomPlot* m_plot = nullptr;
    QCheckBox* m_standardised = nullptr;
    QStringList m_names;
    vae::DataDescription m_columns; ///< the table shown: its size, mean and scale
    std::vector<Series> m_series;
    QStringList m_axisLabels;
    int m_labelledWidth = -1; ///< the axis width the labels were thinned for
};

} // namespace vae::gui
