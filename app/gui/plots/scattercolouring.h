#pragma once

#include <vae/data_description.h>

#include <qcustomplot.h>

#include <QColor>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace vae::gui {

/// What the colours of the latent scatter mean: the class, one known factor of the data (shapes'
/// scale, orientation, …), or nothing (one colour, for data without labels).
///
/// An ordered factor is drawn with the sequential, perceptually uniform viridis map (van der Walt
/// and Smith, matplotlib 2015) and explained by a colour bar over the factor's real range; the
/// class and a categorical factor (shapes' `shape`) use the class palette and a legend.
struct ScatterColouring {
    enum class Kind { Class, Factor, Single };

    Kind kind = Kind::Single;
    int factor = -1;         ///< the factor (DataDescription::factorNames index) for Kind::Factor
    QString name;            ///< the factor's name, as the data names it (empty for the others)
    int size = 1;            ///< colour indices in use: classes (≤ kDigits), factor values, or 1
    bool ordered = false;    ///< viridis and a colour bar; else the class palette and a legend
    double min = 0;          ///< the real value of index 0 (ordered factors)
    double max = 0;          ///< the real value of index size − 1
    QStringList valueNames;  ///< legend keys: class names or a categorical factor's values

    /// The choices for data described by `description`, in the order the combo box lists them:
    /// the class when the data has classes, else one colour; then each known factor. Every
    /// dataset has at least one.
    [[nodiscard]] static QList<ScatterColouring> optionsFor(const vae::DataDescription& description);

    /// The colour of index `value` (0 … size − 1): the class palette's, viridis at the value's
    /// place in [min, max] for an ordered factor, or the single colour.
    [[nodiscard]] QColor colour(int value) const;
    /// colour(0 … size − 1), for LatentScatter::setPalette().
    [[nodiscard]] std::vector<QRgb> palette() const;
    /// The real value of index `value` of an ordered factor: min + (max − min) · value / (size − 1).
    [[nodiscard]] double valueOf(int value) const;

    /// Viridis as a QCustomPlot gradient (QCustomPlot 2.1.0 has no gpViridis preset): matplotlib's
    /// map at nine evenly spaced stops, interpolated in RGB.
    [[nodiscard]] static QCPColorGradient viridis();
    /// The one colour of data without labels.
    [[nodiscard]] static QColor singleColour();

    bool operator==(const ScatterColouring&) const = default;
};

} // namespace vae::gui
