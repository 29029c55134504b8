#pragma once

class QScrollArea;
class QWidget;

namespace vae::gui {

/// `content` in a frameless, resizable scroll area: for a dock whose panel (plot, figures and an
/// explanation) may be squeezed by other docks in the same area. The panel then keeps its minimum
/// height and scrolls, instead of its widgets being drawn over each other.
[[nodiscard]] QScrollArea* scrollablePanel(QWidget* content);

} // namespace vae::gui
