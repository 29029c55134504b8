#include "commandline.h"
#include "mainwindow.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QTimer>

#include <cstdio>

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    // Organization and application names decide where QSettings live.
    QApplication::setOrganizationName(QStringLiteral("VAE Explorer"));
    QApplication::setApplicationName(QStringLiteral("vae-explorer"));
    QApplication::setApplicationDisplayName(QApplication::translate("main", "VAE Explorer"));
    QApplication::setApplicationVersion(QStringLiteral(VAE_EXPLORER_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("vae-explorer"));
    QApplication::setWindowIcon(vae::gui::MainWindow::appIcon());

    const vae::gui::CommandLineResult parsed = vae::gui::parseCommandLine(app.arguments());
    if (!parsed.ok) {
        std::fprintf(stderr, "vae-explorer: %s\n", qPrintable(parsed.message));
        return 2;
    }
    if (parsed.exitEarly) {
        std::fprintf(stdout, "%s\n", qPrintable(parsed.message));
        return 0;
    }

    vae::gui::MainWindow window(parsed.options);
    window.show();

    const QString screenshot = parsed.options.screenshotFile;
    if (!screenshot.isEmpty()) {
        const int delayMs = static_cast<int>(parsed.options.screenshotAfterSeconds * 1000.0);
        QTimer::singleShot(delayMs, &window, [&window, screenshot] {
            const bool saved = window.grab().save(screenshot, "PNG");
            if (saved)
                std::fprintf(stdout, "Saved %s\n",
                             qPrintable(QFileInfo(screenshot).absoluteFilePath()));
            else
                std::fprintf(stderr, "vae-explorer: cannot write %s\n", qPrintable(screenshot));
            QApplication::exit(saved ? 0 : 1);
        });
    }
    return QApplication::exec();
}
