#include "tools/traversal/traversalpanel.h"

#include "widgets/decodedview.h"
#include "widgets/explanation.h"
#include "tools/toolcontext.h"

#include <vae/latent_stats.h>

#include <QAction>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QPushButton>
#include <QScrollArea>
#include <QSlider>
#include <QSpinBox>
#include <QToolBar>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace vae::gui {

namespace {

// The decoded image beside the sliders; a table's profile above them gets the panel's width.
constexpr int kDecodedWidth = 200;
constexpr int kProfileHeight = 240;

double msSince(const QElapsedTimer& timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

QString formatValue(double value)
{
    return QLocale().toString(value, 'f', 2);
}

} // namespace

/// The grid image, enlarged by the largest whole factor that fits (crisp pixels), with the
/// dimension of each row written to its left.
/// The grid image, enlarged by the largest whole factor the width allows (crisp pixels; at least
/// 1, so a 20-row grid scrolls instead of shrinking to illegible tiles), with the dimension of each
/// row written to its left. Its height follows from its width, so it lives in a scroll area.
class TraversalPanel::GridView final : public QWidget {
public:
    explicit GridView(QWidget* parent) : QWidget(parent)
    {
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }

    void setImage(const QImage& image, int rows)
    {
        m_image = image;
        m_rows = rows;
        updateHeight();
        update();
    }

protected:
    void resizeEvent(QResizeEvent* event) override
    {
        QWidget::resizeEvent(event);
        updateHeight();
    }

    void paintEvent(QPaintEvent*) override
    {
        QPainter painter(this);
        if (m_image.isNull() || m_rows < 1)
            return;
        const double s = scale();
        const QRectF target(labelWidth(), 0, m_image.width() * s, m_image.height() * s);
        painter.drawImage(target, m_image);
        const double rowHeight = target.height() / m_rows;
        painter.setPen(palette().color(QPalette::WindowText));
        for (int d = 0; d < m_rows; ++d) {
            painter.drawText(QRectF(0, d * rowHeight, labelWidth() - 4, rowHeight),
                             Qt::AlignRight | Qt::AlignVCenter,
                             TraversalPanel::tr("z%1").arg(d + 1));
        }
    }

private:
    [[nodiscard]] int labelWidth() const
    {
        return fontMetrics().horizontalAdvance(QStringLiteral("z88")) + 6;
    }
    [[nodiscard]] double scale() const
    {
        if (m_image.isNull())
            return 1;
        return std::max(1.0, std::floor(double(width() - labelWidth()) / m_image.width()));
    }
    void updateHeight()
    {
        const int height = m_image.isNull() ? 0 : int(std::ceil(m_image.height() * scale()));
        if (height != minimumHeight())
            setFixedHeight(height);
    }

    QImage m_image;
    int m_rows = 0;
};

TraversalPanel::TraversalPanel(QWidget* parent) : QWidget(parent)
{
    m_decoded = new DecodedView(this);
    m_decoded->setMaximumWidth(kDecodedWidth);
    // The sliders show z with their values; DecodedView's one-line z text would be cut off for a
    // large D, so it is hidden here (its only QLabel).
    if (auto* coordinates = m_decoded->findChild<QLabel*>())
        coordinates->hide();

    m_sliderBox = new QWidget(this);
    m_sliderLayout = new QVBoxLayout(m_sliderBox);
    m_sliderLayout->setContentsMargins(0, 0, 0, 0);
    m_sliderLayout->setSpacing(2);
    m_sliderScroll = new QScrollArea(this);
    m_sliderScroll->setWidget(m_sliderBox);
    m_sliderScroll->setWidgetResizable(true);
    m_sliderScroll->setFrameShape(QFrame::NoFrame);
    m_sliderScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* fromSelected = new QPushButton(tr("From Selected Point"), this);
    fromSelected->setToolTip(tr("Start from the latent point last decoded in the main window"));
    connect(fromSelected, &QPushButton::clicked, this, &TraversalPanel::resetToSelected);
    auto* fromZero = new QPushButton(tr("From Zero"), this);
    fromZero->setToolTip(tr("Start from z = 0, the prior's mean"));
    connect(fromZero, &QPushButton::clicked, this, &TraversalPanel::resetToZero);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(fromSelected);
    buttons->addWidget(fromZero);

    auto* top = new QHBoxLayout;
    m_top = top;
    top->addWidget(m_decoded, 0);
    top->addWidget(m_sliderScroll, 1);

    m_steps = new QSpinBox(this);
    m_steps->setRange(2, 25);
    m_steps->setValue(kDefaultSteps);
    m_steps->setToolTip(tr("Images per row: each dimension from %1 to %2")
                            .arg(formatValue(kLow), formatValue(kHigh)));
    connect(m_steps, &QSpinBox::valueChanged, this, [this] { scheduleGrid(); });
    auto* exportButton = new QPushButton(tr("Export Grid…"), this);
    exportButton->setToolTip(tr("Save the grid as a PNG, one pixel per image pixel"));
    connect(exportButton, &QPushButton::clicked, this, &TraversalPanel::exportGridInteractively);
    auto* gridBar = new QHBoxLayout;
    gridBar->addWidget(new QLabel(tr("Steps:"), this));
    gridBar->addWidget(m_steps);
    gridBar->addStretch(1);
    gridBar->addWidget(exportButton);

    m_grid = new GridView(this);
    m_grid->setToolTip(tr("Row d: z_d swept from %1 (left) to %2 (right), the other dimensions "
                          "at the sliders' values")
                           .arg(formatValue(kLow), formatValue(kHigh)));
    auto* gridScroll = new QScrollArea(this);
    gridScroll->setWidget(m_grid);
    gridScroll->setWidgetResizable(true);
    gridScroll->setFrameShape(QFrame::NoFrame);
    gridScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    auto* gridBox = new QGroupBox(tr("Traversal grid"), this);
    m_gridBox = gridBox;
    auto* gridLayout = new QVBoxLayout(gridBox);
    gridLayout->addLayout(gridBar);
    gridLayout->addWidget(gridScroll, 1);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top, 0);
    layout->addLayout(buttons);
    layout->addWidget(gridBox, 1);
    layout->addWidget(m_status);
    layout->addWidget(makeExplanation(
        tr("Traversal changes one dimension z<sub>d</sub> while the others stay fixed, to show "
           "what it encodes. Its share of the KL term has a closed form: KL<sub>d</sub> = ½ "
           "(μ<sub>d</sub>² + σ<sub>d</sub>² − 1 − log σ<sub>d</sub>²). A dimension with "
           "KL<sub>d</sub> ≈ 0 for every image has q(z<sub>d</sub>|x) = N(0, 1): it carries no "
           "information and the decoder ignores it (an inactive unit)."),
        this));

    m_gridTimer.setSingleShot(true);
    m_gridTimer.setInterval(kGridDelayMs);
    connect(&m_gridTimer, &QTimer::timeout, this, &TraversalPanel::updateGrid);
    setModel(nullptr);
}

QSize TraversalPanel::sizeHint() const
{
    // Room for the decoded image beside the sliders and a 9-step grid at twice its size.
    return {460, 760};
}

void TraversalPanel::setModel(std::shared_ptr<const vae::InferenceModel> model)
{
    const int oldDim = m_model ? m_model->latentDim() : 0;
    m_model = std::move(model);
    if (!m_model) {
        rebuildSliders(0);
        m_z.clear();
        m_pixels.clear();
        m_gridPixels.clear();
        m_gridImage = QImage();
        m_grid->setImage(m_gridImage, 0);
        m_decoded->clear(tr("No model yet: train or open one."));
        m_status->clear();
        return;
    }
    const int dim = m_model->latentDim();
    if (dim != oldDim || m_z.size() != std::size_t(dim)) {
        m_z.assign(std::size_t(dim), 0.0f);
        rebuildSliders(dim);
    }
    // A table's decoded row is a profile of its columns: it takes the panel's width above the
    // sliders, and there is no grid of images to sweep.
    const bool table = ExampleImage::isTable(m_model->description());
    m_top->setDirection(table ? QBoxLayout::TopToBottom : QBoxLayout::LeftToRight);
    m_decoded->setMaximumWidth(table ? QWIDGETSIZE_MAX : kDecodedWidth);
    m_decoded->setMinimumHeight(table ? kProfileHeight : 0);
    m_gridBox->setVisible(!table);
    // Without the grid the profile takes the height left; the sliders keep their own.
    m_top->setStretchFactor(m_decoded, table ? 1 : 0);
    m_top->setStretchFactor(m_sliderScroll, table ? 0 : 1);
    if (auto* outer = qobject_cast<QBoxLayout*>(layout()))
        outer->setStretchFactor(m_top, table ? 1 : 0);
    decodeZ();
    scheduleGrid();
}

void TraversalPanel::rebuildSliders(int dim)
{
    for (QSlider* slider : m_sliders)
        delete slider->parentWidget(); // the row widget holding name, slider and value
    m_sliders.clear();
    m_valueLabels.clear();
    for (int d = 0; d < dim; ++d) {
        auto* row = new QWidget(m_sliderBox);
        auto* rowLayout = new QHBoxLayout(row);
        rowLayout->setContentsMargins(0, 0, 0, 0);
        auto* name = new QLabel(tr("z%1").arg(d + 1), row);
        name->setMinimumWidth(name->fontMetrics().horizontalAdvance(QStringLiteral("z88")));
        auto* slider = new QSlider(Qt::Horizontal, row);
        slider->setRange(int(kLow * kSliderScale), int(kHigh * kSliderScale));
        slider->setSingleStep(kSliderScale / 10);
        slider->setPageStep(kSliderScale / 2);
        slider->setValue(0);
        auto* value = new QLabel(formatValue(0), row);
        value->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        value->setMinimumWidth(value->fontMetrics().horizontalAdvance(QStringLiteral("−0.00")) + 4);
        rowLayout->addWidget(name);
        rowLayout->addWidget(slider, 1);
        rowLayout->addWidget(value);
        connect(slider, &QSlider::valueChanged, this,
                [this, d](int position) { onSliderMoved(d, position); });
        m_sliderLayout->addWidget(row);
        m_sliders.push_back(slider);
        m_valueLabels.push_back(value);
    }
    m_sliderLayout->addStretch(0);
}

QSlider* TraversalPanel::slider(int dim) const
{
    return dim >= 0 && dim < sliderCount() ? m_sliders[std::size_t(dim)] : nullptr;
}

QLabel* TraversalPanel::valueLabel(int dim) const
{
    return dim >= 0 && dim < sliderCount() ? m_valueLabels[std::size_t(dim)] : nullptr;
}

void TraversalPanel::onSliderMoved(int dim, int position)
{
    const std::size_t d = std::size_t(dim);
    if (d >= m_z.size())
        return;
    m_z[d] = static_cast<float>(double(position) / kSliderScale);
    m_valueLabels[d]->setText(formatValue(m_z[d]));
    decodeZ();
    scheduleGrid();
}

void TraversalPanel::setZ(const std::vector<float>& z)
{
    if (!m_model || z.size() != m_z.size())
        return;
    for (std::size_t d = 0; d < z.size(); ++d) {
        const double clamped = std::clamp(double(z[d]), kLow, kHigh);
        const int position = static_cast<int>(std::lround(clamped * kSliderScale));
        m_z[d] = static_cast<float>(double(position) / kSliderScale);
        const QSignalBlocker blocker(m_sliders[d]); // one decode for the whole vector
        m_sliders[d]->setValue(position);
        m_valueLabels[d]->setText(formatValue(m_z[d]));
    }
    decodeZ();
    scheduleGrid();
}

void TraversalPanel::resetToSelected()
{
    if (m_selected.size() == m_z.size())
        setZ(m_selected);
    else
        resetToZero();
}

void TraversalPanel::resetToZero()
{
    setZ(std::vector<float>(m_z.size(), 0.0f));
}

void TraversalPanel::setSteps(int steps)
{
    m_steps->setValue(steps);
}

int TraversalPanel::steps() const
{
    return m_steps->value();
}

void TraversalPanel::decodeZ()
{
    if (!m_model)
        return;
    QElapsedTimer timer;
    timer.start();
    try {
        m_pixels = m_model->decode(m_z);
    } catch (const std::exception& e) {
        m_status->setText(tr("Cannot decode: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    m_decoded->setImage(m_pixels, ExampleImage::of(m_model->description()), m_z);
    m_lastDecodeMs = msSince(timer);
    emit zChanged();
}

void TraversalPanel::scheduleGrid()
{
    m_gridDirty = true;
    if (isVisible())
        m_gridTimer.start();
}

void TraversalPanel::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_gridDirty)
        m_gridTimer.start();
}

void TraversalPanel::updateGrid()
{
    m_gridTimer.stop();
    if (!m_gridDirty || !m_model || ExampleImage::isTable(m_model->description()))
        return;
    m_gridDirty = false;
    const int dim = m_model->latentDim();
    const int steps = m_steps->value();
    QElapsedTimer timer;
    timer.start();
    try {
        const std::vector<float> grid = vae::traversalGrid(m_z, dim, steps, kLow, kHigh);
        m_gridPixels = m_model->decodeBatch(grid, dim * steps); // one batched call per grid
    } catch (const std::exception& e) {
        m_status->setText(tr("Cannot decode the grid: %1").arg(QString::fromStdString(e.what())));
        return;
    }
    const ExampleImage shape = ExampleImage::of(m_model->description());
    const auto perImage = std::size_t(shape.values());
    QImage image(steps * shape.cols, dim * shape.rows, shape.format());
    for (int d = 0; d < dim; ++d)
        for (int s = 0; s < steps; ++s)
            shape.paint(std::span(m_gridPixels).subspan(std::size_t(d * steps + s) * perImage,
                                                        perImage),
                        image, s * shape.cols, d * shape.rows);
    m_gridImage = image;
    m_grid->setImage(m_gridImage, dim);
    m_lastGridMs = msSince(timer);
    m_status->setText(tr("Decode: %1 ms for one image, %2 ms for the grid (%3 images)")
                          .arg(QLocale().toString(m_lastDecodeMs, 'f', 2),
                               QLocale().toString(m_lastGridMs, 'f', 1))
                          .arg(dim * steps));
    emit gridUpdated();
}

bool TraversalPanel::exportGrid(const QString& path)
{
    updateGrid();
    if (m_gridImage.isNull()) {
        m_error = tr("There is no grid to export: train or open a model first.");
        return false;
    }
    if (!m_gridImage.save(path, "PNG")) {
        m_error = tr("Cannot write %1.").arg(path);
        return false;
    }
    m_error.clear();
    return true;
}

void TraversalPanel::exportGridInteractively()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export Traversal Grid"),
                                     QStringLiteral("traversal.png"), tr("PNG image (*.png)"));
    if (path.isEmpty())
        return;
    if (!exportGrid(path))
        m_status->setText(m_error);
    else
        m_status->setText(tr("Saved %1").arg(QFileInfo(path).fileName()));
}

} // namespace vae::gui
