#include "vae/shapes.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <initializer_list>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <string>

namespace vae {
namespace {

constexpr std::array<std::string_view, 5> kFactorNames{"shape", "scale", "orientation",
                                                       "position x", "position y"};
constexpr std::array<std::string_view, 3> kShapeNames{"square", "ellipse", "heart"};

static_assert(kShapesCount == 3 * 6 * 40 * 32 * 32);
static_assert(kShapesFactorSizes[0] * kShapesFactorSizes[1] * kShapesFactorSizes[2] *
                  kShapesFactorSizes[3] * kShapesFactorSizes[4] ==
              kShapesCount);

// Extent of the heart curve (x² + y² − 1)³ − x²y³ ≤ 0 in curve units, y up, measured from the
// curve's origin: |x| ≤ 1.139028166 (lobes), y from −1 (point) to 1.236659170 (lobe tops). Used
// only for the bounding box, so each is rounded outwards.
constexpr double kHeartHalfWidth = 1.1390282;
constexpr double kHeartTop = 1.2366592;
constexpr double kHeartBottom = -1.0000001;

// Widening of every bounding box, in pixels, so that rounding in the box never drops a pixel the
// exact inside test accepts (the inside tests alone decide which pixels are set).
constexpr double kBoxSlack = 1e-6;

void checkFactor(int factor, int index)
{
    if (index < 0 || index >= kShapesFactorSizes[static_cast<std::size_t>(factor)])
        throw std::out_of_range(
            "dSprites factor \"" + std::string(kFactorNames[static_cast<std::size_t>(factor)]) +
            "\" index " + std::to_string(index) + " is out of range, expected 0–" +
            std::to_string(kShapesFactorSizes[static_cast<std::size_t>(factor)] - 1));
}

/// Sprite extent around its centre before rotation, in pixels, y up.
struct LocalBox {
    double left, right, bottom, top;
};

/// Sets every pixel of `out` whose centre, expressed in the sprite's own frame (centre at the
/// origin, x along the sprite's x axis, y up), satisfies `inside`.
template <typename Inside>
void fill(const LocalBox& box, double cx, double cy, double cosA, double sinA, Inside inside,
          std::uint8_t* out)
{
    // Image extent of the rotated box: rotate its corners (y up), then flip y to image rows.
    double xMin = 0, xMax = 0, upMin = 0, upMax = 0;
    bool first = true;
    for (double lx : {box.left, box.right}) {
        for (double ly : {box.bottom, box.top}) {
            const double wx = cosA * lx - sinA * ly;
            const double wu = sinA * lx + cosA * ly;
            xMin = first ? wx : std::min(xMin, wx);
            xMax = first ? wx : std::max(xMax, wx);
            upMin = first ? wu : std::min(upMin, wu);
            upMax = first ? wu : std::max(upMax, wu);
            first = false;
        }
    }
    // Pixel c has its centre at c + 0.5: the columns whose centres lie in [cx + xMin, cx + xMax].
    const int c0 = std::max(0, static_cast<int>(std::ceil(cx + xMin - kBoxSlack - 0.5)));
    const int c1 =
        std::min(kShapesSide - 1, static_cast<int>(std::floor(cx + xMax + kBoxSlack - 0.5)));
    const int r0 = std::max(0, static_cast<int>(std::ceil(cy - upMax - kBoxSlack - 0.5)));
    const int r1 =
        std::min(kShapesSide - 1, static_cast<int>(std::floor(cy - upMin + kBoxSlack - 0.5)));
    for (int r = r0; r <= r1; ++r) {
        const double up = cy - (r + 0.5);
        std::uint8_t* row = out + r * kShapesSide;
        for (int c = c0; c <= c1; ++c) {
            const double dx = (c + 0.5) - cx;
            // Inverse rotation of the pixel centre into the sprite's frame.
            const double lx = cosA * dx + sinA * up;
            const double ly = cosA * up - sinA * dx;
            row[c] = inside(lx, ly) ? 1 : 0;
        }
    }
}

void checkFinite(double value, const char* name)
{
    if (!std::isfinite(value))
        throw std::invalid_argument(std::string("renderShapeAt: ") + name + " is not finite");
}

std::uint64_t splitmix64(std::uint64_t& state)
{
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

/// Uniform integer in [0, bound), bound > 0: rejects the 2^64 mod bound lowest draws so that every
/// residue is equally likely.
std::uint64_t uniformBelow(std::uint64_t& state, std::uint64_t bound)
{
    const std::uint64_t threshold = (0 - bound) % bound;
    for (;;) {
        const std::uint64_t r = splitmix64(state);
        if (r >= threshold)
            return r % bound;
    }
}

} // namespace

const std::array<std::string_view, 5>& shapesFactorNames()
{
    return kFactorNames;
}

const std::array<std::string_view, 3>& shapesShapeNames()
{
    return kShapeNames;
}

double shapesFactorValue(int factor, int index)
{
    if (factor < 0 || factor >= static_cast<int>(kShapesFactorSizes.size()))
        throw std::out_of_range("dSprites factor " + std::to_string(factor) +
                                " is out of range, expected 0–4");
    checkFactor(factor, index);
    switch (factor) {
    case 0:
        return index;
    case 1:
        return (5 + index) / 10.0; // 0.5, 0.6, …, 1.0, each correctly rounded
    case 2:
        return 2.0 * std::numbers::pi * index / 39.0;
    default:
        return index / 31.0;
    }
}

ShapesFactors shapesFactorsOf(int index)
{
    if (index < 0 || index >= kShapesCount)
        throw std::out_of_range("dSprites image index " + std::to_string(index) +
                                " is out of range, expected 0–" + std::to_string(kShapesCount - 1));
    ShapesFactors f;
    f.posY = index % 32;
    index /= 32;
    f.posX = index % 32;
    index /= 32;
    f.orientation = index % 40;
    index /= 40;
    f.scale = index % 6;
    f.shape = index / 6;
    return f;
}

int shapesIndexOf(const ShapesFactors& f)
{
    checkFactor(0, f.shape);
    checkFactor(1, f.scale);
    checkFactor(2, f.orientation);
    checkFactor(3, f.posX);
    checkFactor(4, f.posY);
    return (((f.shape * 6 + f.scale) * 40 + f.orientation) * 32 + f.posX) * 32 + f.posY;
}

void renderShape(const ShapesFactors& f, std::uint8_t* out)
{
    (void)shapesIndexOf(f); // range checks
    renderShapeAt(f.shape, shapesFactorValue(1, f.scale), shapesFactorValue(2, f.orientation),
                  shapesFactorValue(3, f.posX), shapesFactorValue(4, f.posY), out);
}

void renderShapeAt(int shape, double scale, double orientation, double posX, double posY,
                   std::uint8_t* out)
{
    if (shape < 0 || shape > 2)
        throw std::out_of_range("renderShapeAt: shape " + std::to_string(shape) +
                                " is out of range, expected 0 (square), 1 (ellipse) or 2 (heart)");
    if (out == nullptr)
        throw std::invalid_argument("renderShapeAt: the output buffer is null");
    checkFinite(scale, "scale");
    checkFinite(orientation, "orientation");
    checkFinite(posX, "position x");
    checkFinite(posY, "position y");
    if (!(scale > 0.0 && scale <= 1.0))
        throw std::invalid_argument("renderShapeAt: scale " + std::to_string(scale) +
                                    " is outside (0, 1]");
    if (posX < 0.0 || posX > 1.0 || posY < 0.0 || posY > 1.0)
        throw std::invalid_argument("renderShapeAt: position (" + std::to_string(posX) + ", " +
                                    std::to_string(posY) + ") is outside [0, 1]²");

    std::memset(out, 0, kShapesPixels);
    const double cx = kShapesCentreMin + kShapesCentreSpan * posX;
    const double cy = kShapesCentreMin + kShapesCentreSpan * posY;
    const double cosA = std::cos(orientation);
    const double sinA = std::sin(orientation);

    switch (shape) {
    case 0: {
        const double h = kShapesSquareHalfSide * scale;
        fill(
            {-h, h, -h, h}, cx, cy, cosA, sinA,
            [h](double x, double y) { return std::abs(x) <= h && std::abs(y) <= h; }, out);
        break;
    }
    case 1: {
        const double a = kShapesEllipseSemiMajor * scale;
        const double b = kShapesEllipseSemiMinor * scale;
        const double ia = 1.0 / a, ib = 1.0 / b;
        fill(
            {-a, a, -b, b}, cx, cy, cosA, sinA,
            [ia, ib](double x, double y) {
                const double u = x * ia, v = y * ib;
                return u * u + v * v <= 1.0;
            },
            out);
        break;
    }
    default: {
        const double unit = kShapesHeartUnit * scale; // pixels per curve unit
        const double inv = 1.0 / unit;
        const LocalBox box{-kHeartHalfWidth * unit, kHeartHalfWidth * unit,
                           (kHeartBottom - kShapesHeartCentroidY) * unit,
                           (kHeartTop - kShapesHeartCentroidY) * unit};
        fill(
            box, cx, cy, cosA, sinA,
            [inv](double x, double y) {
                const double hx = x * inv;
                const double hy = y * inv + kShapesHeartCentroidY; // centroid → curve origin
                const double x2 = hx * hx;
                const double q = x2 + hy * hy - 1.0;
                return q * q * q - x2 * hy * hy * hy <= 0.0;
            },
            out);
        break;
    }
    }
}

std::vector<int> shapesTestIndices(double testFraction, std::uint64_t seed)
{
    if (!(testFraction >= 0.0 && testFraction <= 1.0))
        throw std::invalid_argument("shapesTestIndices: test fraction " +
                                    std::to_string(testFraction) + " is outside [0, 1]");
    const auto n = static_cast<std::size_t>(std::llround(testFraction * kShapesCount));
    std::vector<int> all(kShapesCount);
    std::iota(all.begin(), all.end(), 0);
    std::uint64_t state = seed;
    // Partial Fisher–Yates: after step i, all[0..i] is a uniform sample without replacement.
    for (std::size_t i = 0; i < n; ++i) {
        const std::size_t j = i + uniformBelow(state, all.size() - i);
        std::swap(all[i], all[j]);
    }
    all.resize(n);
    std::sort(all.begin(), all.end());
    return all;
}

} // namespace vae
