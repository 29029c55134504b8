#include "shell/commandline.h"
#include "tools/draw/drawtool.h"
#include "shell/language.h"
#include "shell/mainwindow.h"

#include <QApplication>
#include <QDialog>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QPainter>
#include <QPixmap>
#include <QTimer>
#include <QWindow>

#include <time.h>
#include <unistd.h>

#include <cstdio>

namespace {

/// Milliseconds since this process was started (exec), from /proc/self/stat's start time in clock
/// ticks after boot: it includes what happens before main(), such as loading LibTorch. -1 where
/// /proc is not available.
double msSinceProcessStart()
{
    QFile stat(QStringLiteral("/proc/self/stat"));
    if (!stat.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray text = stat.readAll();
    // Field 2 (the command) may hold spaces; the fields after it start behind its ')'.
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    constexpr int kStartTimeField = 22 - 3; // starttime is field 22, the first one here is field 3
    if (fields.size() <= kStartTimeField)
        return -1;
    const double startSeconds =
        fields[kStartTimeField].toDouble() / static_cast<double>(sysconf(_SC_CLK_TCK));
    timespec now{};
    clock_gettime(CLOCK_BOOTTIME, &now);
    return 1000.0 * (double(now.tv_sec) + 1e-9 * double(now.tv_nsec) - startSeconds);
}

/// VAE_EXPLORER_TIMING=1: reports on stderr when the window first reaches the screen, and the
/// peak resident memory at exit.
class StartupTimer final : public QObject {
public:
    explicit StartupTimer(QElapsedTimer sinceMain) : m_sinceMain(sinceMain) {}

    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Expose && !m_reported) {
            auto* window = qobject_cast<QWindow*>(watched);
            if (window && window->isExposed()) {
                m_reported = true;
                // Expose makes the window paint; report once that paint is done.
                QTimer::singleShot(0, this, [this] {
                    std::fprintf(stderr,
                                 "vae-explorer: window on screen %.0f ms after process start "
                                 "(%.0f ms after main())\n",
                                 msSinceProcessStart(), double(m_sinceMain.nsecsElapsed()) / 1e6);
                });
            }
        }
        return false;
    }

    static void reportPeakMemory()
    {
        QFile status(QStringLiteral("/proc/self/status"));
        if (!status.open(QIODevice::ReadOnly))
            return;
        for (const QByteArray& line : status.readAll().split('\n')) {
            if (line.startsWith("VmHWM:"))
                std::fprintf(stderr, "vae-explorer: peak resident memory %.0f MB\n",
                             line.mid(6).trimmed().split(' ').front().toDouble() / 1024.0);
        }
    }

private:
    QElapsedTimer m_sinceMain;
    bool m_reported = false;
};

} // namespace

int main(int argc, char* argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    QApplication app(argc, argv);
    // Organization and application names decide where QSettings live.
    QApplication::setOrganizationName(QStringLiteral("VAE Explorer"));
    QApplication::setApplicationName(QStringLiteral("vae-explorer"));
    QApplication::setApplicationVersion(QStringLiteral(VAE_EXPLORER_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("vae-explorer"));
    QApplication::setWindowIcon(vae::gui::MainWindow::appIcon());

    vae::gui::CommandLineResult parsed = vae::gui::parseCommandLine(app.arguments());
    // --language, else View ▸ Language's saved choice, else the system locale.
    vae::gui::language::install(
        vae::gui::language::atStart(parsed.options.language, parsed.options.useSettings));
    if (vae::gui::language::current() != QLatin1String("en"))
        parsed = vae::gui::parseCommandLine(app.arguments()); // help and errors translated
    QApplication::setApplicationDisplayName(vae::gui::MainWindow::tr("VAE Explorer"));
    if (!parsed.ok) {
        std::fprintf(stderr, "vae-explorer: %s\n", qPrintable(parsed.message));
        return 2;
    }
    if (parsed.exitEarly) {
        std::fprintf(stdout, "%s\n", qPrintable(parsed.message));
        return 0;
    }

    const bool timing = !qEnvironmentVariableIsEmpty("VAE_EXPLORER_TIMING");
    StartupTimer startupTimer(sinceMain);
    vae::gui::MainWindow window(parsed.options);
    window.show();
    if (!parsed.options.drawImage.isEmpty()) {
        auto* drawTool = window.findChild<vae::gui::DrawTool*>();
        if (drawTool && !drawTool->loadImage(parsed.options.drawImage))
            std::fprintf(stderr, "vae-explorer: %s\n", qPrintable(drawTool->lastError()));
    }
    if (timing && window.windowHandle())
        window.windowHandle()->installEventFilter(&startupTimer);

    const QString screenshot = parsed.options.screenshotFile;
    if (!screenshot.isEmpty()) {
        const int delayMs = static_cast<int>(parsed.options.screenshotAfterSeconds * 1000.0);
        QTimer::singleShot(delayMs, &window, [&window, screenshot] {
            // With --compare the comparison window is what the picture is for.
            QWidget* target = &window;
            for (QWidget* widget : QApplication::topLevelWidgets()) {
                if (widget->objectName() == QLatin1String("comparisonWindow") && widget->isVisible())
                    target = widget;
            }
            QPixmap picture = target->grab();
            // A window-modal question open over the window (the recovery question at start) is
            // part of what the screen shows: drawn over the window where it stands, framed.
            QPainter painter(&picture);
            for (QWidget* widget : QApplication::topLevelWidgets()) {
                auto* dialog = qobject_cast<QDialog*>(widget);
                if (!dialog || !dialog->isVisible() || !dialog->parentWidget() ||
                    dialog->parentWidget()->window() != target)
                    continue;
                const QPoint at = dialog->geometry().topLeft() - target->geometry().topLeft();
                painter.drawPixmap(at, dialog->grab());
                painter.setPen(dialog->palette().color(QPalette::Shadow));
                painter.drawRect(QRect(at, dialog->size()).adjusted(0, 0, -1, -1));
            }
            painter.end();
            const bool saved = picture.save(screenshot, "PNG");
            if (saved)
                std::fprintf(stdout, "Saved %s\n",
                             qPrintable(QFileInfo(screenshot).absoluteFilePath()));
            else
                std::fprintf(stderr, "vae-explorer: cannot write %s\n", qPrintable(screenshot));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    const int status = QApplication::exec();
    if (timing)
        StartupTimer::reportPeakMemory();
    return status;
}
