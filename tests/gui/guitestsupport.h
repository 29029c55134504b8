#pragma once

// Shared helpers for the Qt GUI tests: each test executable is one QObject test class.

#include "../timescale.h"
#include "shell/mainwindow.h"

#include <vae/config.h>
#include <vae/dataset.h>

#include <QAction>
#include <QCoreApplication>
#include <QStandardPaths>
#include <QString>
#include <QTest>

#include <filesystem>
#include <memory>

namespace vae::gui::test {

/// Keeps tests away from the user's QSettings (they go under ~/.qttest instead) and names the
/// application the way main() does.
inline void initTestEnvironment()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("VAE Explorer"));
    QCoreApplication::setApplicationName(QStringLiteral("vae-explorer"));
}

/// Whether the tests run in CI (environment CI=true, as GitHub Actions, GitLab and .ci/run set
/// it). There a missing prerequisite is a failure: a skipped test exits 0 and checks nothing.
inline bool inCi()
{
    return qgetenv("CI") == "true";
}

/// Whether the MNIST files are where vae::defaultDataDir() says.
inline bool mnistAvailable()
{
    const std::filesystem::path dir = vae::defaultDataDir();
    for (const char* name : {vae::kTrainImagesFile, vae::kTrainLabelsFile, vae::kTestImagesFile,
                             vae::kTestLabelsFile}) {
        if (!std::filesystem::exists(dir / name))
            return false;
    }
    return true;
}

/// Waits up to `ms` (scaled for sanitized builds, tests/timescale.h) for `done` while the
/// window trains: returns false at once when the run ends first (it failed or was stopped), so a
/// test waiting for steps fails then instead of at its timeout.
template <typename Pred> bool waitWhileTraining(const MainWindow& window, Pred done, int ms)
{
    return QTest::qWaitFor([&] { return done() || !window.isTraining(); },
                           vae::test::scaledMs(ms)) &&
           done();
}

/// Options for a window under test: no modal dialogs, no QSettings.
inline LaunchOptions testOptions()
{
    LaunchOptions options;
    options.showDialogs = false;
    options.useSettings = false;
    return options;
}

/// A run small enough for tests: the first 2,000 training images.
inline vae::TrainingConfig smallConfig(int epochs, int batchSize)
{
    vae::TrainingConfig config;
    config.trainSubset = 2000;
    config.epochs = epochs;
    config.batchSize = batchSize;
    config.hiddenSizes = {256, 128};
    config.seed = 7;
    // Few steps per run: the default warm-up and cosine decay would keep the rate near 0.
    config.learningRate = 1e-3;
    config.lrSchedule = "constant";
    config.warmupSteps = 0;
    return config;
}

} // namespace vae::gui::test

/// Without MNIST: skips the test outside CI, fails it in CI (inCi()); the message says how to get
/// it.
#define VAE_REQUIRE_MNIST()                                                                        \
    do {                                                                                           \
        if (!vae::gui::test::mnistAvailable()) {                                                   \
            const QString missing =                                                                \
                QStringLiteral("MNIST not found in %1; fetch it with: %2")                         \
                    .arg(QString::fromStdString(vae::defaultDataDir().string()),                   \
                         QString::fromStdString(vae::fetchCommand(vae::defaultDataDir())));        \
            if (vae::gui::test::inCi())                                                            \
                QFAIL(qPrintable(missing + QStringLiteral(" (CI=true: a failure, not a skip)")));  \
            QSKIP(qPrintable(missing));                                                            \
        }                                                                                          \
    } while (false)

/// Waits until the window has loaded MNIST.
#define VAE_WAIT_FOR_DATA(window)                                                                  \
    QTRY_VERIFY_WITH_TIMEOUT((window).hasData(), vae::test::scaledMs(30000))

/// Waits until a run has ended and the window has taken in its last records: Start is enabled
/// again only once the window has seen the final state.
#define VAE_WAIT_FOR_RUN_END(window)                                                               \
    QTRY_VERIFY_WITH_TIMEOUT(!(window).isTraining() && (window).startAction()->isEnabled(),        \
                             vae::test::scaledMs(60000))
