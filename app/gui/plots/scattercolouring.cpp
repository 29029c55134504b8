#include "plots/scattercolouring.h"

#include "plots/latentscatter.h"

#include <vae/shapes.h>

#include <algorithm>

namespace vae::gui {

namespace {

// Viridis at t = 0, 1/8, …, 1 (matplotlib's _viridis_data, as R's viridisLite::viridis(9)).
constexpr std::array<QRgb, 9> kViridisStops{0x440154, 0x472d7b, 0x3b528b, 0x2c728e, 0x21908c,
                                            0x27ad81, 0x5dc863, 0xaadc32, 0xfde725};

/// Whether the factors are the shapes dataset's, whose real values and shape names core knows.
bool hasShapesFactors(const vae::DataDescription& description)
{
    const auto& names = vae::shapesFactorNames();
    return description.factorNames.size() == names.size() &&
           std::equal(names.begin(), names.end(), description.factorNames.begin());
}

} // namespace

QList<ScatterColouring> ScatterColouring::optionsFor(const vae::DataDescription& description)
{
    QList<ScatterColouring> options;
    ScatterColouring byClass;
    if (description.classCount() > 0) {
        byClass.kind = Kind::Class;
        // Classes past the palette's ten colours are not drawn (LatentPlot::setClassNames).
        byClass.size = std::min(description.classCount(), LatentScatter::kDigits);
        for (int k = 0; k < byClass.size; ++k)
            byClass.valueNames << QString::fromStdString(description.classNames[std::size_t(k)]);
    }
    options << byClass; // Kind::Single when the data has no classes
    const bool shapes = hasShapesFactors(description);
    const std::size_t factors =
        std::min(description.factorNames.size(), description.factorSizes.size());
    for (std::size_t f = 0; f < factors; ++f) {
        ScatterColouring option;
        option.kind = Kind::Factor;
        option.factor = int(f);
        option.name = QString::fromStdString(description.factorNames[f]);
        option.size = std::clamp(description.factorSizes[f], 1, LatentScatter::kMaxColours);
        // shapes' first factor, the shape, has no order: it gets the class palette and names.
        option.ordered = !(shapes && f == 0);
        if (!option.ordered) {
            option.size = std::min(option.size, LatentScatter::kDigits);
            for (int v = 0; v < option.size; ++v)
                option.valueNames << QString::fromUtf8(
                    vae::shapesShapeNames()[std::size_t(v)].data(),
                    qsizetype(vae::shapesShapeNames()[std::size_t(v)].size()));
        } else if (shapes) {
            option.min = vae::shapesFactorValue(int(f), 0);
            option.max = vae::shapesFactorValue(int(f), option.size - 1);
        } else {
            option.max = option.size - 1; // indices, for factors of unknown values
        }
        options << option;
    }
    return options;
}

double ScatterColouring::valueOf(int value) const
{
    return size > 1 ? min + (max - min) * double(value) / double(size - 1) : min;
}

QColor ScatterColouring::colour(int value) const
{
    if (kind == Kind::Single)
        return singleColour();
    if (!ordered)
        return LatentScatter::digitColor(std::clamp(value, 0, LatentScatter::kDigits - 1));
    QCPColorGradient gradient = viridis();
    // The colour bar's own lookup, so a point and the bar at its value agree exactly.
    return QColor::fromRgb(gradient.color(valueOf(value), QCPRange(min, max)));
}

std::vector<QRgb> ScatterColouring::palette() const
{
    std::vector<QRgb> colours;
    colours.reserve(std::size_t(size));
    for (int v = 0; v < size; ++v)
        colours.push_back(colour(v).rgb());
    return colours;
}

QCPColorGradient ScatterColouring::viridis()
{
    QCPColorGradient gradient;
    QMap<double, QColor> stops;
    for (std::size_t i = 0; i < kViridisStops.size(); ++i)
        stops.insert(double(i) / double(kViridisStops.size() - 1), QColor::fromRgb(kViridisStops[i]));
    gradient.setColorStops(stops);
    gradient.setColorInterpolation(QCPColorGradient::ciRGB);
    return gradient;
}

QColor ScatterColouring::singleColour()
{
    return LatentScatter::digitColor(0);
}

} // namespace vae::gui
