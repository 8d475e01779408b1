using MerchantPortal.StripeSandbox.State;

namespace MerchantPortal.StripeSandbox.Objects;

/// <summary>What rendering an object may look at: the rest of the data (for embedded objects) and the page URLs.</summary>
internal sealed record RenderContext(SandboxData Data, SandboxUrls Urls);
