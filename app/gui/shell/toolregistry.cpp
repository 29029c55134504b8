#include "shell/toolregistry.h"

#include "tools/comparison/comparisontool.h"
#include "tools/dimensions/dimensionstool.h"
#include "tools/draw/drawtool.h"
#include "tools/gradients/gradienttool.h"
#include "tools/inspector/pointinspector.h"
#include "tools/interpolation/interpolationtool.h"
#include "tools/iwae/iwaetool.h"
#include "tools/manifold/manifoldtool.h"
#include "tools/posterior/posteriortool.h"
#include "tools/priorsamples/priorsamplestool.h"
#include "tools/ratedistortion/ratedistortiontool.h"
#include "tools/timelapse/timelapsetool.h"
#include "tools/traversal/traversaltool.h"

namespace vae::gui {

QList<QObject*> createTools(ToolContext& context)
{
    return {
        new InterpolationTool(context),  // Explore ▸ Interpolation (Ctrl+I)
        new PointInspector(context),     // Explore ▸ Inspector
        new DrawTool(context),           // Explore ▸ Draw (Ctrl+D)
        new ManifoldTool(context),       // Explore ▸ Manifold Grid, Prior Quantile Manifold
        new PriorSamplesTool(context),   // Explore ▸ Prior Samples
        new TraversalTool(context),      // Explore ▸ Traversal
        new DimensionsTool(context),     // Explore ▸ Latent Dimensions
        new TimelapseTool(context),      // Explore ▸ Time-lapse
        new GradientTool(context),       // Explore ▸ Gradient Estimators
        new PosteriorTool(context),      // Explore ▸ Posterior (Ctrl+Shift+P)
        new IwaeTool(context),           // Explore ▸ Importance-Weighted Bound
        new RateDistortionTool(context), // Explore ▸ Rate–Distortion (Ctrl+Shift+R)
        new ComparisonTool(context),     // Training ▸ Compare Models… (Ctrl+Shift+C)
    };
}

} // namespace vae::gui
