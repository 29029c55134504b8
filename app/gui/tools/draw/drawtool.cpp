#include "tools/draw/drawtool.h"

#include "widgets/decodedview.h"
#include "tools/draw/drawpad.h"
#include "widgets/explanation.h"
#include "plots/latentplot.h"
#include "tools/toolcontext.h"
#include "tools/draw/mnistpreprocess.h"
#include "plots/posteriorellipse.h"

#include <QAction>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QImageReader>
#include <QLabel>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QStatusBar>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace vae::gui {

namespace {

/// Mouse moves come every few milliseconds; one encode per frame is enough to follow the pen.
constexpr int kEncodeDelayMs = 16;
/// The reconstruction is shown at 6 screen pixels per image pixel (DecodedView's smallest scale).
constexpr int kReconstructionScale = 6;
constexpr int kStatusMessageMs = 8000;

QString formatVector(std::span<const float> values)
{
    const QLocale locale;
    QStringList parts;
    for (const float v : values)
        parts << locale.toString(static_cast<double>(v), 'f', 3);
    return parts.join(QStringLiteral(", "));
}

} // namespace

DrawTool::DrawTool(ToolContext& context) : QObject(context.window()), m_context(context)
{
    m_dock = new QDockWidget(tr("Draw"), context.window());
    m_dock->setObjectName(QStringLiteral("drawDock"));

    auto* body = new QWidget(m_dock);
    m_pad = new DrawPad(body);

    m_reconstructionLabel = new QLabel(body);
    m_reconstructionLabel->setFixedSize(DrawPad::kSide * kReconstructionScale,
                                        DrawPad::kSide * kReconstructionScale);
    m_reconstructionLabel->setAlignment(Qt::AlignCenter);
    m_reconstructionLabel->setWordWrap(true);
    m_reconstructionLabel->setFrameShape(QFrame::StyledPanel);
    m_numbers = new QLabel(body);
    m_numbers->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_numbers->setWordWrap(true);

    m_brushBox = new QSpinBox(body);
    m_brushBox->setRange(DrawPad::kMinBrush, DrawPad::kMaxBrush);
    m_brushBox->setValue(m_pad->brushSize());
    m_brushBox->setSuffix(tr(" px"));
    m_brushBox->setToolTip(tr("Brush diameter in image pixels"));
    auto* brushLabel = new QLabel(tr("&Brush:"), body);
    brushLabel->setBuddy(m_brushBox);
    m_clearButton = new QPushButton(tr("&Clear"), body);
    m_loadButton = new QPushButton(tr("&Load image…"), body);
    m_loadButton->setToolTip(tr("Load a picture of a digit (PNG, JPEG, …); it is converted to "
                                "MNIST style. You can also drop an image file on the pad."));

    auto* side = new QVBoxLayout;
    side->addWidget(new QLabel(tr("Reconstruction:"), body));
    side->addWidget(m_reconstructionLabel);
    side->addWidget(m_numbers);
    side->addStretch(1);
    auto* controls = new QHBoxLayout;
    controls->addWidget(brushLabel);
    controls->addWidget(m_brushBox);
    controls->addStretch(1);
    controls->addWidget(m_clearButton);
    controls->addWidget(m_loadButton);
    auto* layout = new QGridLayout(body);
    layout->addWidget(m_pad, 0, 0, Qt::AlignTop | Qt::AlignLeft);
    layout->addLayout(side, 0, 1);
    layout->addLayout(controls, 1, 0, 1, 2);
    layout->addWidget(
        makeExplanation(
            tr("The encoder turns your drawing x into q<sub>φ</sub>(z|x) = N(μ, diag σ²). On "
               "the latent plot the cross is μ and the ellipses are its 1σ and 2σ contours "
               "(μ<sub>d</sub> ± σ<sub>d</sub> along each axis); the reconstruction decodes "
               "z = μ. In training z = μ + σ ⊙ ε with ε ~ N(0, I), the reparameterization "
               "trick, so that gradients reach μ and σ."),
            body),
        2, 0, 1, 2);
    // Extra height goes below the explanation, so it and the controls stay under the pad.
    layout->setRowStretch(3, 1);
    layout->setColumnStretch(1, 1);
    m_dock->setWidget(body);
    QAction* toggle = context.addDock(m_dock, Qt::RightDockWidgetArea, tr("&Draw"), QKeySequence(tr("Ctrl+D")),
        tr("Draw a digit or load an image and see where the encoder puts it"));
    toggle->setToolTip(tr("Draw a digit and see its posterior in the latent plot (%1)")
                           .arg(toggle->shortcut().toString(QKeySequence::NativeText)));

    m_ellipse = new PosteriorEllipse(context.latentPlot());
    m_ellipse->setVisible(false);

    m_encodeTimer.setSingleShot(true);
    m_encodeTimer.setInterval(kEncodeDelayMs);
    connect(&m_encodeTimer, &QTimer::timeout, this, &DrawTool::encodeNow);
    connect(m_pad, &DrawPad::changed, this, &DrawTool::scheduleEncode);
    // The drawing is an image other tools examine too (the Posterior's "Your drawing").
    connect(m_pad, &DrawPad::changed, this, [this] {
        m_context.setDrawing(m_pad->isEmpty() ? std::vector<float>{} : m_pad->pixels());
    });
    connect(&context, &ToolContext::drawingRequested, this, [this] {
        if (!m_dock->isVisible() && isAvailable()) {
            m_dock->show();
            m_dock->raise();
        }
    });
    connect(m_pad, &DrawPad::imageDropped, this, &DrawTool::loadImage);
    connect(&context, &ToolContext::modelChanged, this, &DrawTool::scheduleEncode);
    connect(&context, &ToolContext::modelOpened, this, &DrawTool::scheduleEncode);
    connect(m_dock, &QDockWidget::visibilityChanged, this, &DrawTool::scheduleEncode);
    connect(m_brushBox, &QSpinBox::valueChanged, m_pad, &DrawPad::setBrushSize);
    connect(m_clearButton, &QPushButton::clicked, m_pad, &DrawPad::clear);
    connect(m_loadButton, &QPushButton::clicked, this, &DrawTool::chooseImage);

    connect(&context, &ToolContext::dataLoaded, this, &DrawTool::updateAvailability);
    showNothing(tr("Draw a digit on the pad."));
    updateAvailability();
}

bool DrawTool::isAvailable() const
{
    return !ExampleImage::isTable(m_context.dataDescription());
}

void DrawTool::updateAvailability()
{
    // A table's rows are no pictures: there is nothing to draw, so the tool leaves the menus.
    const bool available = isAvailable();
    action()->setVisible(available);
    if (!available && !m_dock->isHidden())
        m_dock->hide();
}

QAction* DrawTool::action() const
{
    return m_dock->toggleViewAction();
}

QString DrawTool::numbersText() const
{
    return m_numbers->text();
}

void DrawTool::scheduleEncode()
{
    // With the dock closed and nothing left on screen there is nothing to update: a new model every
    // ~250 ms while training then costs nothing.
    if (!m_dock->isVisible() && !m_ellipse->visible() && m_encodedPixels.empty())
        return;
    // Not restarted when already armed: a steady stream of moves still gets one encode per
    // interval, each with the latest drawing.
    if (!m_encodeTimer.isActive())
        m_encodeTimer.start();
}

void DrawTool::showNothing(const QString& message)
{
    m_encodedPixels.clear();
    m_encodedModel.reset();
    m_posterior = {};
    m_reconstruction.clear();
    m_reconstructionImage = QImage();
    m_reconstructionLabel->setPixmap(QPixmap());
    m_reconstructionLabel->setText(message);
    m_numbers->clear();
    if (m_ellipse->visible()) {
        m_ellipse->setVisible(false);
        m_ellipse->repaint();
    }
}

void DrawTool::encodeNow()
{
    m_encodeTimer.stop();
    // A hidden dock encodes nothing, and its marker leaves the plot; showing it again re-encodes.
    if (!m_dock->isVisible()) {
        showNothing(QString());
        return;
    }
    const std::shared_ptr<const vae::InferenceModel> model = m_context.model();
    if (m_pad->isEmpty()) {
        showNothing(tr("Draw a digit on the pad."));
        emit encoded();
        return;
    }
    if (!model) {
        showNothing(tr("Train or open a model to encode the drawing."));
        emit encoded();
        return;
    }
    const ExampleImage shape = ExampleImage::of(model->description());
    if (shape.rows != DrawPad::kSide || shape.cols != DrawPad::kSide || shape.isColour()) {
        // The pad draws MNIST-style grey images; colour or other sizes need a picture of their own.
        showNothing(tr("The pad draws %1×%1 grey images; this model's examples are %2×%3 with %4 "
                       "channel(s).")
                        .arg(DrawPad::kSide)
                        .arg(shape.rows)
                        .arg(shape.cols)
                        .arg(shape.channels));
        emit encoded();
        return;
    }
    m_encodedPixels = m_pad->pixels();
    m_encodedModel = model;
    m_posterior = model->encode(m_encodedPixels, 1);
    m_reconstruction = model->decode(m_posterior.mu);
    ++m_encodeCount;

    m_reconstructionImage = shape.toQImage(m_reconstruction);
    m_reconstructionLabel->setPixmap(QPixmap::fromImage(
        m_reconstructionImage.scaled(m_reconstructionImage.size() * kReconstructionScale,
                                     Qt::IgnoreAspectRatio, Qt::FastTransformation)));
    QString text =
        tr("μ = (%1)\nσ = (%2)").arg(formatVector(m_posterior.mu), formatVector(m_posterior.sigma));
    m_numbers->setText(text);

    const int dim = m_posterior.dim;
    const double mu2 = dim > 1 ? m_posterior.mu[1] : 0.0;
    const double sigma2 = dim > 1 ? m_posterior.sigma[1] : 0.0;
    m_ellipse->setPosterior(m_posterior.mu[0], mu2, m_posterior.sigma[0], sigma2);
    m_ellipse->setVisible(true);
    m_ellipse->repaint();
    emit encoded();
}

std::vector<float> DrawTool::greyLevels(const QImage& image)
{
    QImage argb = image.convertToFormat(QImage::Format_ARGB32);
    const int width = argb.width(), height = argb.height();
    // Ink on a transparent background: fill it with the shade opposite to the opaque pixels', so
    // that black ink on transparent and white ink on transparent both come out as ink.
    double opaqueGrey = 0, opaqueWeight = 0;
    bool transparent = false;
    for (int y = 0; y < height; ++y) {
        const auto* line = reinterpret_cast<const QRgb*>(argb.constScanLine(y));
        for (int x = 0; x < width; ++x) {
            const double alpha = qAlpha(line[x]) / 255.0;
            transparent = transparent || qAlpha(line[x]) < 255;
            opaqueGrey += alpha * qGray(line[x]) / 255.0;
            opaqueWeight += alpha;
        }
    }
    QImage flat = argb;
    if (transparent) {
        const bool darkInk = opaqueWeight > 0 && opaqueGrey / opaqueWeight < 0.5;
        flat = QImage(argb.size(), QImage::Format_RGB32);
        flat.fill(darkInk ? Qt::white : Qt::black);
        QPainter painter(&flat);
        painter.drawImage(0, 0, argb);
    }
    const QImage grey = flat.convertToFormat(QImage::Format_Grayscale8);
    std::vector<float> values(static_cast<std::size_t>(width) * static_cast<std::size_t>(height));
    for (int y = 0; y < height; ++y) {
        const uchar* line = grey.constScanLine(y);
        for (int x = 0; x < width; ++x)
            values[static_cast<std::size_t>(y) * width + x] = line[x] / 255.0f;
    }
    return values;
}

std::vector<float> DrawTool::imageToMnist(const QImage& image)
{
    if (image.isNull())
        return std::vector<float>(std::size_t{kMnistSide} * kMnistSide, 0.0f);
    return toMnistStyle(greyLevels(image), image.width(), image.height());
}

bool DrawTool::loadImage(const QString& path)
{
    if (!isAvailable()) {
        m_lastError = tr("Cannot load %1: the data is a table, there is nothing to draw.")
                          .arg(QFileInfo(path).fileName());
        m_context.showMessage(m_lastError, kStatusMessageMs);
        return false;
    }
    QImageReader reader(path);
    reader.setAutoTransform(true); // photos: honour the EXIF orientation
    const QImage image = reader.read();
    if (image.isNull()) {
        m_lastError =
            tr("Cannot load %1: %2").arg(QFileInfo(path).fileName(), reader.errorString());
        m_context.showMessage(m_lastError, kStatusMessageMs);
        return false;
    }
    m_lastError.clear();
    m_lastDirectory = QFileInfo(path).absolutePath();
    m_dock->show();
    m_dock->raise();
    m_pad->setPixels(imageToMnist(image));
    m_context.showMessage(
        tr("Loaded %1 as an MNIST-style digit").arg(QFileInfo(path).fileName()), kStatusMessageMs);
    return true;
}

void DrawTool::chooseImage()
{
    QStringList patterns;
    for (const QByteArray& format : QImageReader::supportedImageFormats())
        patterns << QStringLiteral("*.") + QString::fromLatin1(format);
    const QString path = QFileDialog::getOpenFileName(
        m_context.window(), tr("Load image"), m_lastDirectory,
        tr("Images (%1);;All files (*)").arg(patterns.join(QLatin1Char(' '))));
    if (!path.isEmpty())
        loadImage(path);
}

} // namespace vae::gui
