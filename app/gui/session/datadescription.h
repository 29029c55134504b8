#pragma once

#include <QString>
#include <QStringList>

namespace vae::gui {

/// What the data being explored looks like: the image shape, what a pixel value means and the
/// class names. A property of the Session, so that a new dataset changes it in one place; tools
/// and plots read it instead of assuming MNIST.
struct DataDescription {
    QString name;          ///< shown to the user, e.g. "MNIST"
    int rows = 0;          ///< image height in pixels
    int cols = 0;          ///< image width in pixels
    int channels = 1;      ///< 1 = grey
    QStringList classNames; ///< label k is classNames[k]

    [[nodiscard]] int pixelsPerImage() const { return rows * cols * channels; }
    [[nodiscard]] int classCount() const { return int(classNames.size()); }
    /// The name of class `label`, or the number itself when it has none.
    [[nodiscard]] QString className(int label) const
    {
        return label >= 0 && label < classNames.size() ? classNames[label] : QString::number(label);
    }

    /// MNIST: 28×28 grey levels in [0, 1], the digits 0–9.
    [[nodiscard]] static DataDescription mnist()
    {
        DataDescription description;
        description.name = QStringLiteral("MNIST");
        description.rows = 28;
        description.cols = 28;
        for (int digit = 0; digit < 10; ++digit)
            description.classNames << QString::number(digit);
        return description;
    }

    bool operator==(const DataDescription&) const = default;
};

} // namespace vae::gui
