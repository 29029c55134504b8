#pragma once

// A generator of the dSprites dataset design (Matthey, Higgins, Hassabis and Lerchner 2017,
// "dSprites: Disentanglement testing Sprites dataset", github.com/deepmind/dsprites-dataset):
// binary 64×64 images of one white sprite on black, one image for every combination of five
// generative factors. The factor grid, their order and the image count follow the dSprites README
// exactly; the original rendering code is not published, so the sprite geometry below (sizes,
// margins, the heart curve, the rotation direction) is this library's own, documented constant by
// constant, and its images are not byte-identical to the released dsprites_ndarray file.

#include "vae/dataset.h"

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

namespace vae {

/// The five generative factors of dSprites as indices, in the dataset's canonical order (shape
/// slowest, posY fastest). Ranges: shape 0–2, scale 0–5, orientation 0–39, posX 0–31, posY 0–31
/// (kShapesFactorSizes). dSprites' sixth factor, colour, has a single value (white) and is left
/// out.
struct ShapesFactors {
    int shape = 0;       ///< 0 square, 1 ellipse, 2 heart (shapesShapeNames())
    int scale = 0;       ///< 0–5
    int orientation = 0; ///< 0–39
    int posX = 0;        ///< 0–31, left to right
    int posY = 0;        ///< 0–31, top to bottom

    friend bool operator==(const ShapesFactors&, const ShapesFactors&) = default;
};

/// Image side in pixels; every image is kShapesSide × kShapesSide.
inline constexpr int kShapesSide = 64;
/// Pixels per image (64 · 64).
inline constexpr int kShapesPixels = kShapesSide * kShapesSide;
/// Number of images: 3 · 6 · 40 · 32 · 32 (every factor combination exactly once).
inline constexpr int kShapesCount = 737280;
/// Number of values of each factor, in ShapesFactors order: {3, 6, 40, 32, 32}.
inline constexpr std::array<int, 5> kShapesFactorSizes{3, 6, 40, 32, 32};

// Rendering geometry, in pixels of the continuous image plane in which pixel (row r, column c)
// covers [c, c+1] × [r, r+1] and has its centre at (c + 0.5, r + 0.5); y grows downwards.

/// Sprite centre at position 0: the centre is kShapesCentreMin + kShapesCentreSpan · position,
/// so positions [0, 1] map to pixel coordinates [16, 47] and each of the 31 position steps moves
/// the sprite by exactly one pixel (position index i ↦ 16 + i), the smallest step that still
/// changes every image, as the dSprites README asks of its factor grid. Centres are whole pixel
/// coordinates (pixel corners), so the sprites at index i and i + 1 are the same pixels shifted
/// by one column (or row). The range is half a pixel left of (above) the frame centre, 32: a range
/// of 31 whole pixels cannot sit symmetrically in an even frame.
inline constexpr double kShapesCentreMin = 16.0;
/// Width of the range of sprite centres in pixels (see kShapesCentreMin).
inline constexpr double kShapesCentreSpan = 31.0;
/// Half the side of the square at scale 1 (side 20 px; 10, 12, …, 20 px over the six scales).
inline constexpr double kShapesSquareHalfSide = 10.0;
/// Semi-major axis of the ellipse at scale 1, along the sprite's x axis (horizontal at
/// orientation 0): 14 px, so the ellipse is 28 px long.
inline constexpr double kShapesEllipseSemiMajor = 14.0;
/// Semi-minor axis of the ellipse at scale 1, along the sprite's y axis: 7 px (axis ratio 2:1).
inline constexpr double kShapesEllipseSemiMinor = 7.0;
/// Pixels per unit of the heart curve (x² + y² − 1)³ − x²y³ ≤ 0 at scale 1. The curve spans
/// x ∈ [−1.1390, 1.1390], y ∈ [−1, 1.2367] (y up; point at (0, −1)), so the heart is 22.8 px wide
/// and 22.4 px tall at scale 1; its area is 3.66197 units², 366.2 px² at scale 1.
inline constexpr double kShapesHeartUnit = 10.0;
/// y of the heart's area centroid in curve units (y up), computed numerically to ~1e-9. The heart
/// is placed and rotated about this point, as the square and ellipse are about their centres.
inline constexpr double kShapesHeartCentroidY = 0.2934812273;

/// Factor names, in ShapesFactors order: "shape", "scale", "orientation", "position x",
/// "position y" (the dSprites README's names).
[[nodiscard]] const std::array<std::string_view, 5>& shapesFactorNames();

/// Shape names, by shape index: "square", "ellipse", "heart".
[[nodiscard]] const std::array<std::string_view, 3>& shapesShapeNames();

/// The real value of index `index` of factor `factor` (0–4, ShapesFactors order), as the dSprites
/// README and its latents_values array define it:
/// - shape: the index itself as a double (0, 1, 2; dSprites stores 1, 2, 3);
/// - scale: 0.5 + 0.1 · index, 6 values linearly spaced in [0.5, 1], unitless;
/// - orientation: 2π · index / 39 radians, 40 values linearly spaced in [0, 2π] endpoints
///   included (numpy.linspace(0, 2π, 40), as in dSprites), so index 39 (2π) is the same rotation
///   as index 0 and renders the same image;
/// - position x and y: index / 31, 32 values linearly spaced in [0, 1], unitless (see
///   kShapesCentreMin for the pixel coordinates).
/// Throws std::out_of_range when `factor` is not in 0–4 or `index` not in 0–(size − 1).
[[nodiscard]] double shapesFactorValue(int factor, int index);

/// The factors of image `index` in canonical order: row-major over kShapesFactorSizes with shape
/// slowest and posY fastest, so index = (((shape·6 + scale)·40 + orientation)·32 + posX)·32 + posY
/// (index 1 is posY 1, index 32 is posX 1, index 245,760 is shape 1), the order of the dSprites
/// file. Throws std::out_of_range when `index` is not in [0, kShapesCount).
[[nodiscard]] ShapesFactors shapesFactorsOf(int index);

/// The index of the image with factors `f` (the inverse of shapesFactorsOf). Throws
/// std::out_of_range naming the factor when one is outside its range.
[[nodiscard]] int shapesIndexOf(const ShapesFactors& f);

/// Renders the image with factors `f` into out[0 … 4095]: 64 × 64 bytes, row-major, row 0 at the
/// top, each 0 (background) or 1 (sprite). Equivalent to renderShapeAt(f.shape,
/// shapesFactorValue(1, f.scale), shapesFactorValue(2, f.orientation), shapesFactorValue(3,
/// f.posX), shapesFactorValue(4, f.posY), out). At every factor combination the sprite is
/// non-empty and the two outermost rows and columns on each side are blank (no sprite point is
/// more than 14.15 px from its centre, the square's corner at scale 1, and centres are 16 to 47).
/// About 1 µs per image on one core: the whole dataset renders in under a second. Throws
/// std::out_of_range as shapesIndexOf does, std::invalid_argument when `out` is null.
void renderShape(const ShapesFactors& f, std::uint8_t* out);

/// Renders one sprite from real factor values into out[0 … 4095] (layout as renderShape):
/// `shape` 0–2; `scale` in (0, 1] multiplies every length of the sprite; `orientation` in radians
/// rotates the sprite counter-clockwise as seen on screen about its centre (the heart's area
/// centroid); `posX`, `posY` in [0, 1] place that centre at pixel coordinates (16 + 31·posX,
/// 16 + 31·posY), posY 0 at the top. A pixel is 1 when its centre lies inside the rotated sprite
/// (boundary included). At orientation 0: the square is axis-aligned; the ellipse's long axis is
/// horizontal; the heart's lobes are at the top and its point at the bottom. Throws
/// std::out_of_range when `shape` is not 0–2, std::invalid_argument when `out` is null, a value is
/// not finite, scale is outside (0, 1] or a position outside [0, 1].
void renderShapeAt(int shape, double scale, double orientation, double posX, double posY,
                   std::uint8_t* out);

/// A deterministic, seeded train/test split of the kShapesCount image indices: returns the test
/// indices, sorted ascending and distinct; every other index is in the training set. Their number
/// is round(testFraction · 737,280) (half away from zero). The same seed gives the same split on
/// every platform and standard library: a partial Fisher–Yates shuffle driven by splitmix64
/// (Steele, Lea and Flood 2014) with rejection sampling for unbiased bounded integers, integer
/// arithmetic only. Throws std::invalid_argument when testFraction is not in [0, 1] (or NaN).
[[nodiscard]] std::vector<int> shapesTestIndices(double testFraction, std::uint64_t seed);

/// Test images of the shapes dataset (loadShapes()): 10,000, the size of MNIST's test set.
inline constexpr int kShapesTestCount = 10000;
/// The seed of the shapes dataset's train/test split, so every run and checkpoint sees the same.
inline constexpr std::uint64_t kShapesSplitSeed = 1;

/// The description of the shapes dataset: "Shapes", source "shapes", 64 × 64 × 1, binary values,
/// classes = the three shapes, factors = shapesFactorNames() with kShapesFactorSizes values.
[[nodiscard]] DataDescription shapesDescription();

/// The shapes dataset: all 737,280 images of the factor grid, split by shapesTestIndices() into
/// `testCount` test images and the rest for training. Labels are the shape (0–2), factors the five
/// factor indices of each image (ImageSet::factors, [count, 5]). The test set is stored as floats
/// (10,000 × 4,096 values, 164 MB); the training set (727,280 images, 12 GB as floats) is
/// generated on demand (ImageSet::generator, about 1 µs per image). Takes about 0.1 s. Throws
/// std::invalid_argument when testCount is not in [1, 737,279].
[[nodiscard]] Dataset loadShapes(int testCount = kShapesTestCount,
                                 std::uint64_t seed = kShapesSplitSeed);

} // namespace vae
