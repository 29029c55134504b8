#pragma once

#include <QList>

class QObject;

namespace vae::gui {

class ToolContext;

/// Creates every Explore tool with `context`, in the order their actions appear in the Explore
/// menu; the caller owns them (each is also a child of the context's window). Adding a tool is one
/// line in toolregistry.cpp (docs/architecture.md, "Adding a tool").
[[nodiscard]] QList<QObject*> createTools(ToolContext& context);

} // namespace vae::gui
