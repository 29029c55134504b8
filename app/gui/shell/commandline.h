#pragma once

#include "session/launchoptions.h"

#include <QString>
#include <QStringList>

#include <array>
#include <optional>

namespace vae::gui {

struct CommandLineResult {
    LaunchOptions options;
    QString message;
    bool ok = true;
    bool exitEarly = false;
};

/// Parses `arguments` (argv, program name first).
[[nodiscard]] CommandLineResult parseCommandLine(const QStringList& arguments);

} // namespace vae::gui
