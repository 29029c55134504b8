#include "widgets/tilegrid.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace vae::gui {

namespace {

// Gives latentText() a translation context that lupdate recognises.
struct TileGridText {
    Q_DECLARE_TR_FUNCTIONS(TileGridText)
};

} // namespace

QPointF TileGrid::latentPoint(int index) const
{
    const std::size_t row = static_cast<std::size_t>(index) * static_cast<std::size_t>(dim);
    return {z[row], dim > 1 ? z[row + 1] : 0.0};
}

TileGrid decodeTiles(std::shared_ptr<const vae::InferenceModel> model, std::vector<float> z,
                     int rows, int cols)
{
    TileGrid grid;
    grid.rows = rows;
    grid.cols = cols;
    grid.dim = model->latentDim();
    QElapsedTimer timer;
    timer.start();
    grid.pixels = model->decodeBatch(z, rows * cols);
    grid.decodeMs = double(timer.nsecsElapsed()) / 1e6;
    timer.restart();

    grid.shape = ExampleImage::of(model->description());
    const ExampleImage& shape = grid.shape;
    const auto perTile = std::size_t(shape.values());
    // A table's rows are no image: the views draw them as a FeatureProfile.
    if (shape.isTable()) {
        grid.imageMs = double(timer.nsecsElapsed()) / 1e6;
        grid.z = std::move(z);
        grid.model = std::move(model);
        return grid;
    }
    grid.image = QImage(cols * shape.cols, rows * shape.rows, shape.format());
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
            shape.paint(std::span(grid.pixels).subspan(std::size_t(r * cols + c) * perTile, perTile),
                        grid.image, c * shape.cols, r * shape.rows);
    grid.imageMs = double(timer.nsecsElapsed()) / 1e6;
    grid.z = std::move(z);
    grid.model = std::move(model);
    return grid;
}

QString latentText(const float* z, int dim)
{
    const QLocale locale;
    QStringList parts;
    for (int d = 0; d < std::min(dim, 2); ++d)
        parts << locale.toString(static_cast<double>(z[d]), 'f', 3);
    if (dim > 2)
        parts << QStringLiteral("…");
    return TileGridText::tr("z = (%1)").arg(parts.join(QStringLiteral(", ")));
}

} // namespace vae::gui
