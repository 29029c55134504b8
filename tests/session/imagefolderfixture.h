#pragma once

// A large image folder for the Qt tests that load one (the session's and the window's), made in a
// moment and at no disk cost.

#include <QDir>
#include <QFile>
#include <QImage>
#include <QString>

#include <filesystem>
#include <system_error>

namespace vae::test {

/// A folder of `count` grey 512×512 PNG files in two classes, each a hard link to one of two
/// pictures (so it costs no disk space): decoding and scaling each to 64×64 takes about a
/// millisecond, so a load of a few thousand lasts long enough to be cancelled half-way.
inline bool makeImageFolder(const QString& root, int count)
{
    constexpr int kSide = 512;
    for (int c = 0; c < 2; ++c) {
        const QString classDir = QStringLiteral("%1/class%2").arg(root).arg(c);
        if (!QDir().mkpath(classDir))
            return false;
        QImage image(kSide, kSide, QImage::Format_Grayscale8);
        for (int y = 0; y < kSide; ++y)
            for (int x = 0; x < kSide; ++x)
                image.scanLine(y)[x] = static_cast<uchar>((c == 0 ? x + y : x * y / 7) & 0xff);
        const QString first = classDir + QStringLiteral("/0.png");
        if (!image.save(first))
            return false;
        for (int i = 1; i < count / 2; ++i) {
            std::error_code ec;
            std::filesystem::create_hard_link(
                QFile::encodeName(first).toStdString(),
                QFile::encodeName(QStringLiteral("%1/%2.png").arg(classDir).arg(i)).toStdString(),
                ec);
            if (ec)
                return false;
        }
    }
    return true;
}

} // namespace vae::test
