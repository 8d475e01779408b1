using MerchantPortal.Catalog;

namespace MerchantPortal.Fulfilment;

/// <summary>
/// The <c>Fulfilment:Simulator</c> configuration section: what the built-in provider simulator does for
/// items whose own behaviour is <see cref="FulfilmentBehaviour.Default"/>.
/// </summary>
public sealed class SimulatorOptions
{
    public const string SectionName = "Fulfilment:Simulator";

    public FulfilmentBehaviour Mode { get; set; } = FulfilmentBehaviour.Succeed;

    /// <summary>How long a <see cref="FulfilmentBehaviour.Delay"/> delivery takes.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromSeconds(3);
}
