#include "tools/toolcontext.h"

#include "plots/latentplot.h"
#include "session/session.h"

#include <QAction>
#include <QDockWidget>

namespace vae::gui {

ToolContext::ToolContext(Session& session, LatentPlot& latentPlot, QObject* parent)
    : QObject(parent), m_session(session), m_plot(latentPlot)
{
    // The session's signals reach the tools through here, after the shell's own handlers (it
    // connects first), so a tool sees the window already updated.
    connect(&session, &Session::dataLoaded, this, &ToolContext::dataLoaded);
    connect(&session, &Session::dataReplaced, this, [this] {
        setSelectedPoint(std::nullopt);
        emit dataReplaced();
    });
    connect(&session, &Session::modelChanged, this, [this] {
        decodeCurrent();
        emit modelChanged();
    });
    connect(&session, &Session::modelOpened, this, &ToolContext::modelOpened);
    connect(&session, &Session::latentUpdated, this, &ToolContext::latentUpdated);
    connect(&session, &Session::trainingStateChanged, this, &ToolContext::trainingStateChanged);
    connect(&session, &Session::updateReceived, this, [this](const vae::TrainerUpdate& update) {
        emit stepsReceived(update.steps, update.epochs);
    });
    m_plot.setMarker(m_z.x(), m_z.y());
}

ToolContext::~ToolContext() = default;

const LaunchOptions& ToolContext::options() const
{
    return m_session.options();
}

const std::shared_ptr<const vae::Dataset>& ToolContext::data() const
{
    return m_session.data();
}

const vae::DataDescription& ToolContext::dataDescription() const
{
    return m_session.dataDescription();
}

QString ToolContext::classLabel(int label) const
{
    const vae::DataDescription& description = dataDescription();
    const QString name = QString::fromStdString(description.className(label));
    if (name != QString::number(label))
        return name;
    bool digits = description.classCount() == 10;
    for (int k = 0; digits && k < 10; ++k)
        digits = description.classNames[std::size_t(k)] == std::to_string(k);
    return digits ? tr("digit %1").arg(label) : tr("class %1").arg(label);
}

const std::shared_ptr<const vae::InferenceModel>& ToolContext::model() const
{
    return m_session.model();
}

std::shared_ptr<const vae::InferenceModel> ToolContext::newestModel() const
{
    return m_session.newestModel();
}

const std::shared_ptr<const vae::LatentSnapshot>& ToolContext::latestLatent() const
{
    return m_session.latestLatent();
}

vae::TrainingHistory ToolContext::history() const
{
    return m_session.history();
}

bool ToolContext::isTraining() const
{
    return m_session.isTraining();
}

std::uint64_t ToolContext::runId() const
{
    return m_session.runId();
}

void ToolContext::setSelectedPoint(const std::optional<DataPointRef>& point)
{
    if (point == m_selected)
        return;
    m_selected = point;
    emit selectedPointChanged();
}

void ToolContext::setDrawing(std::vector<float> pixels)
{
    m_drawing = std::move(pixels);
    emit drawingChanged();
}

void ToolContext::requestDrawing()
{
    emit drawingRequested();
}

void ToolContext::setPointPicker(PointPicker picker)
{
    m_picker = std::move(picker);
}

std::optional<DataPointRef> ToolContext::pointAt(const QPointF& pixel) const
{
    return m_picker.pointAt ? m_picker.pointAt(pixel) : std::nullopt;
}

bool ToolContext::pickerSelectsOnClick() const
{
    return m_picker.selectsOnClick && m_picker.selectsOnClick();
}

void ToolContext::decodeAt(double z1, double z2)
{
    m_z = QPointF(z1, z2);
    m_plot.setMarker(z1, z2);
    decodeCurrent();
}

void ToolContext::decodeCurrent()
{
    const std::shared_ptr<const vae::InferenceModel>& model = m_session.model();
    if (!model)
        return;
    // The plot's projection maps the picked point to all D dimensions (by default z₁, z₂ as
    // picked and the others at the prior's mean, 0).
    std::vector<float> z = m_plot.latentPointAt(m_z, model->latentDim());
    try {
        m_lastPixels = model->decode(z);
    } catch (const std::exception& e) {
        reportError(tr("Cannot decode"), QString::fromStdString(e.what()));
        return;
    }
    m_lastZ = std::move(z);
    m_lastDecodeModel = model;
    emit decoded();
}

QAction* ToolContext::dockAction(QDockWidget* dock, const QString& text,
                                 const QKeySequence& shortcut, const QString& statusTip)
{
    QAction* toggle = dock->toggleViewAction();
    toggle->setText(text);
    toggle->setShortcut(shortcut);
    toggle->setStatusTip(statusTip);
    return toggle;
}

void ToolContext::showPastLatent(std::shared_ptr<const vae::LatentSnapshot> snapshot)
{
    m_showsPast = snapshot != nullptr;
    const std::shared_ptr<const vae::LatentSnapshot>& latest = m_session.latestLatent();
    if (m_showsPast || latest)
        m_plot.setSnapshot(m_showsPast ? std::move(snapshot) : latest);
    else
        m_plot.clearPoints();
    m_plot.replotIfDirty();
}

} // namespace vae::gui
