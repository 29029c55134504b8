#include "widgets/tilegrid.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QStringList>

#include <algorithm>

namespace vae::gui {

namespace {

constexpr int kSide = 28;
constexpr std::size_t kPixels = kSide * kSide;

// Gives latentText() a translation context that lupdate recognises.
struct TileGridText {
    Q_DECLARE_TR_FUNCTIONS(TileGridText)
};

/// DecodedView::greyLevel, exactly, in a form the compiler vectorises: for v ≥ 0,
/// lround(v) = ⌊v + ½⌋, and v + ½ is exact in double for any float v. std::lround is a library
/// call per pixel: 1.25 million of them for 40 × 40 tiles.
inline uchar greyLevel(float pixel)
{
    const float v = std::clamp(pixel, 0.0f, 1.0f) * 255.0f;
    return static_cast<uchar>(static_cast<int>(static_cast<double>(v) + 0.5));
}

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

    grid.image = QImage(cols * kSide, rows * kSide, QImage::Format_Grayscale8);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < cols; ++c) {
            const float* tile =
                grid.pixels.data() + static_cast<std::size_t>(r * cols + c) * kPixels;
            for (int y = 0; y < kSide; ++y) {
                uchar* line = grid.image.scanLine(r * kSide + y) + c * kSide;
                for (int x = 0; x < kSide; ++x)
                    line[x] = greyLevel(tile[y * kSide + x]);
            }
        }
    }
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
