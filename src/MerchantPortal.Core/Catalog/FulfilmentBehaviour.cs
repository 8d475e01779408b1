namespace MerchantPortal.Catalog;

/// <summary>
/// How the simulated fulfilment provider treats a top-up or service item, for demos and tests.
/// <see cref="Default"/> follows the <c>Fulfilment:Simulator</c> configuration.
/// </summary>
public enum FulfilmentBehaviour
{
    Default,
    Succeed,
    Fail,

    /// <summary>Succeeds after the configured delay.</summary>
    Delay,

    /// <summary>Alternates: every other delivery of the item fails, so multi-line orders end partial.</summary>
    Partial,
}
