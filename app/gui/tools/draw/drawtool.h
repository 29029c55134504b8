#pragma once

#include <vae/inference.h>
#include <vae/types.h>

#include <QImage>
#include <QObject>
#include <QTimer>

#include <memory>
#include <vector>

class QAction;
class QDockWidget;
class QLabel;
class QPushButton;
class QSpinBox;

namespace vae::gui {

class DrawPad;
class ToolContext;
class PosteriorEllipse;

/// Explore ▸ Draw: a dock with a 28×28 drawing pad whose drawing is encoded as the user draws.
/// The posterior q_φ(z|x) of the drawing appears on the latent plot (μ and its 1σ and 2σ
/// ellipses), and its reconstruction (the decoded μ, Bernoulli means) beside the pad, with μ and σ
/// as numbers. Images (PNG, JPEG, …) can be loaded or dropped on the pad: they are turned into
/// MNIST-style digits first (toMnistStyle()).
///
/// Encoding one image takes well under a millisecond, so it runs on the GUI thread; changes only
/// arm a short single-shot timer, so a burst of mouse moves, or a new model every ~250 ms while
/// training, costs one encode with the latest drawing and model. Nothing is encoded while the
/// dock is hidden.
class DrawTool final : public QObject {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DrawTool)

public:
    /// Adds the dock (hidden), its action (Explore menu and toolbar, Ctrl+D) and the latent-plot
    /// marker to `window`, which owns them.
    explicit DrawTool(ToolContext& context);

    /// Loads an image file into the pad (MNIST-style) and shows the dock. On failure the pad is
    /// left as it was, the status bar says why, and lastError() holds the message.
    bool loadImage(const QString& path);
    /// The MNIST-style 28×28 image (784 values in [0, 1]) for any picture of a digit.
    [[nodiscard]] static std::vector<float> imageToMnist(const QImage& image);
    /// `image` as grey levels in [0, 1] (row-major), transparent areas filled with the background
    /// that contrasts with the opaque ink.
    [[nodiscard]] static std::vector<float> greyLevels(const QImage& image);

    /// Encodes the current drawing with the current model now (tests; the timer calls it too).
    void encodeNow();

    /// Whether the data is drawable: images, not a table. For a table the dock is hidden and its
    /// action leaves the Explore menu and toolbar until image data is opened again.
    [[nodiscard]] bool isAvailable() const;

    [[nodiscard]] QDockWidget* dock() const { return m_dock; }
    [[nodiscard]] QAction* action() const;
    [[nodiscard]] DrawPad* pad() const { return m_pad; }
    [[nodiscard]] PosteriorEllipse* ellipse() const { return m_ellipse; }
    [[nodiscard]] QPushButton* clearButton() const { return m_clearButton; }
    [[nodiscard]] QSpinBox* brushBox() const { return m_brushBox; }
    /// What the last encode used and produced (empty before the first one, or after Clear).
    [[nodiscard]] const std::vector<float>& encodedPixels() const { return m_encodedPixels; }
    [[nodiscard]] const std::shared_ptr<const vae::InferenceModel>& encodedModel() const
    {
        return m_encodedModel;
    }
    [[nodiscard]] const vae::Posterior& posterior() const { return m_posterior; }
    [[nodiscard]] const std::vector<float>& reconstruction() const { return m_reconstruction; }
    /// The reconstruction as shown (28×28 grey levels, DecodedView::greyLevel()); null when none.
    [[nodiscard]] const QImage& reconstructionImage() const { return m_reconstructionImage; }
    /// The μ and σ text beside the reconstruction.
    [[nodiscard]] QString numbersText() const;
    [[nodiscard]] const QString& lastError() const { return m_lastError; }
    /// Encodes done so far (to check the throttling).
    [[nodiscard]] int encodeCount() const { return m_encodeCount; }

signals:
    /// A new encoding is shown (or the display was cleared because there is nothing to encode).
    void encoded();

private:
    void updateAvailability();
    void scheduleEncode();
    void showNothing(const QString& message);
    void chooseImage();

    ToolContext& m_context;
    QDockWidget* m_dock = nullptr;
    DrawPad* m_pad = nullptr;
    QLabel* m_reconstructionLabel = nullptr;
    QLabel* m_numbers = nullptr;
    QSpinBox* m_brushBox = nullptr;
    QPushButton* m_clearButton = nullptr;
    QPushButton* m_loadButton = nullptr;
    PosteriorEllipse* m_ellipse = nullptr;
    QTimer m_encodeTimer;

    std::vector<float> m_encodedPixels;
    std::shared_ptr<const vae::InferenceModel> m_encodedModel;
    vae::Posterior m_posterior;
    std::vector<float> m_reconstruction;
    QImage m_reconstructionImage;
    QString m_lastError;
    QString m_lastDirectory;
    int m_encodeCount = 0;
};

} // namespace vae::gui
