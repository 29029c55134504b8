#pragma once

#include <QSpinBox>

namespace vae::gui {

/// A spin box for a grid's tiles per side that reads "20×20".
class TileCountBox final : public QSpinBox {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TileCountBox)

public:
    explicit TileCountBox(QWidget* parent = nullptr);

protected:
    [[nodiscard]] QString textFromValue(int value) const override;
    [[nodiscard]] int valueFromText(const QString& text) const override;
    QValidator::State validate(QString& text, int& pos) const override;
};

} // namespace vae::gui
