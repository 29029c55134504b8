#include "shell/dataloadindicator.h"

#include "session/session.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QProgressBar>
#include <QToolButton>

namespace vae::gui {

namespace {

// Wide enough for "70,000 / 70,000 images" in either language.
constexpr int kBarWidth = 220;

} // namespace

DataLoadIndicator::DataLoadIndicator(Session& session, QWidget* parent)
    : QWidget(parent), m_session(session)
{
    setObjectName(QStringLiteral("dataLoadIndicator"));
    m_bar = new QProgressBar(this);
    m_bar->setTextVisible(true);
    m_bar->setFixedWidth(kBarWidth);
    m_cancel = new QToolButton(this);
    m_cancel->setText(tr("Cancel"));
    m_cancel->setAutoRaise(true); // flat, as the status bar's other items
    m_cancel->setToolTip(tr("Stop loading: the data and the model you have now stay as they are."));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    // The status bar would stretch the button over its free width.
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    // No taller than a line of the status bar's text, so the bar (and with it the window's
    // minimum height) keeps its height whether or not this shows.
    setMaximumHeight(fontMetrics().height());
    hide();

    m_showTimer.setSingleShot(true);
    m_showTimer.setInterval(kShowDelayMs);
    connect(&m_showTimer, &QTimer::timeout, this, &QWidget::show);
    connect(m_cancel, &QToolButton::clicked, this, [this] { m_session.cancelLoading(); });
    connect(&session, &Session::loadStarted, this, &DataLoadIndicator::onStarted);
    connect(&session, &Session::loadProgressed, this, &DataLoadIndicator::onProgress);
    connect(&session, &Session::loadFinished, this, &DataLoadIndicator::onFinished);
}

void DataLoadIndicator::onStarted()
{
    onProgress(0, 0);
    if (!isVisible())
        m_showTimer.start();
}

void DataLoadIndicator::onProgress(int done, int total)
{
    if (total <= 0) { // no count: a busy bar
        m_bar->setRange(0, 0);
        m_bar->setFormat(tr("loading…"));
        return;
    }
    const QLocale locale;
    m_bar->setRange(0, total);
    m_bar->setValue(done);
    m_bar->setFormat(tr("%1 / %2 images").arg(locale.toString(done), locale.toString(total)));
}

void DataLoadIndicator::onFinished()
{
    m_showTimer.stop();
    hide();
}

} // namespace vae::gui
