#include "tools/timelapse/gifwriter.h"

#include "plots/latentplot.h"

#include <gif_lib.h>

#include <QCoreApplication>
#include <QFile>

#include <array>
#include <cstring>
#include <limits>

namespace vae::gui {
namespace {

// Gives the texts below a translation context that lupdate recognises (a free tr() function
// would file them under "vae::gui" for lupdate but look them up as "GifWriter" at run time).
struct GifWriter {
    Q_DECLARE_TR_FUNCTIONS(GifWriter)
};

std::array<GifColorType, 256> palette()
{
    std::array<GifColorType, 256> colors{};
    int i = 0;
    for (; i < LatentPlot::kDigits; ++i) {
        const QColor c = LatentPlot::digitColor(i);
        colors[i] = {static_cast<GifByteType>(c.red()), static_cast<GifByteType>(c.green()),
                     static_cast<GifByteType>(c.blue())};
    }
    const int greys = 256 - LatentPlot::kDigits;
    for (int g = 0; g < greys; ++g, ++i) {
        const auto v = static_cast<GifByteType>(g * 255 / (greys - 1));
        colors[i] = {v, v, v};
    }
    return colors;
}

} // namespace

QString writeAnimatedGif(const QString& path, const std::vector<QImage>& frames, int delayCs)
{
    if (frames.empty())
        return GifWriter::tr("There are no frames to write.");
    const int width = frames.front().width();
    const int height = frames.front().height();
    const auto colors = palette();

    int error = 0;
    GifFileType* gif = EGifOpenFileName(QFile::encodeName(path).constData(), false, &error);
    if (!gif)
        return GifWriter::tr("Cannot create %1: %2")
            .arg(path, QString::fromUtf8(GifErrorString(error)));
    auto fail = [&](const QString& what) {
        const int code = gif->Error;
        EGifCloseFile(gif, &error);
        return GifWriter::tr("Cannot write %1 (%2): %3")
            .arg(path, what, QString::fromUtf8(GifErrorString(code)));
    };
    EGifSetGifVersion(gif, true);
    ColorMapObject* map = GifMakeMapObject(256, colors.data());
    const int screen = EGifPutScreenDesc(gif, width, height, 8, 0, map);
    GifFreeMapObject(map);
    if (screen == GIF_ERROR)
        return fail(GifWriter::tr("screen"));

    // NETSCAPE2.0: loop forever.
    const GifByteType app[] = {'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0'};
    const GifByteType loop[] = {1, 0, 0};
    if (EGifPutExtensionLeader(gif, APPLICATION_EXT_FUNC_CODE) == GIF_ERROR
        || EGifPutExtensionBlock(gif, sizeof app, app) == GIF_ERROR
        || EGifPutExtensionBlock(gif, sizeof loop, loop) == GIF_ERROR
        || EGifPutExtensionTrailer(gif) == GIF_ERROR)
        return fail(GifWriter::tr("loop extension"));

    // Nearest palette entry per distinct colour, cached (a plot has few distinct colours).
    QHash<QRgb, GifPixelType> cache;
    auto nearest = [&](QRgb rgb) {
        const auto it = cache.constFind(rgb);
        if (it != cache.constEnd())
            return *it;
        int best = 0;
        int bestDistance = std::numeric_limits<int>::max();
        for (int i = 0; i < 256; ++i) {
            const int dr = qRed(rgb) - colors[i].Red;
            const int dg = qGreen(rgb) - colors[i].Green;
            const int db = qBlue(rgb) - colors[i].Blue;
            const int d = dr * dr + dg * dg + db * db;
            if (d < bestDistance) {
                bestDistance = d;
                best = i;
            }
        }
        cache.insert(rgb, static_cast<GifPixelType>(best));
        return static_cast<GifPixelType>(best);
    };

    std::vector<GifPixelType> line(static_cast<std::size_t>(width));
    for (const QImage& frame : frames) {
        const QImage image = frame.convertToFormat(QImage::Format_RGB32)
                                 .scaled(width, height, Qt::IgnoreAspectRatio);
        GraphicsControlBlock gcb{};
        gcb.DisposalMode = DISPOSAL_UNSPECIFIED;
        gcb.DelayTime = delayCs;
        gcb.TransparentColor = NO_TRANSPARENT_COLOR;
        GifByteType ext[4];
        const std::size_t extLength = EGifGCBToExtension(&gcb, ext);
        if (EGifPutExtension(gif, GRAPHICS_EXT_FUNC_CODE, static_cast<int>(extLength), ext)
                == GIF_ERROR
            || EGifPutImageDesc(gif, 0, 0, width, height, false, nullptr) == GIF_ERROR)
            return fail(GifWriter::tr("frame"));
        for (int y = 0; y < height; ++y) {
            const auto* row = reinterpret_cast<const QRgb*>(image.constScanLine(y));
            for (int x = 0; x < width; ++x)
                line[static_cast<std::size_t>(x)] = nearest(row[x]);
            if (EGifPutLine(gif, line.data(), width) == GIF_ERROR)
                return fail(GifWriter::tr("pixels"));
        }
    }
    if (EGifCloseFile(gif, &error) == GIF_ERROR)
        return GifWriter::tr("Cannot finish %1: %2")
            .arg(path, QString::fromUtf8(GifErrorString(error)));
    return {};
}

} // namespace vae::gui
