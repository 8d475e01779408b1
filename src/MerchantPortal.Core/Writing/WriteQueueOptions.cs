namespace MerchantPortal.Writing;

/// <summary>Settings of the <see cref="WriteQueue"/> (section <c>Writes</c>).</summary>
public sealed class WriteQueueOptions
{
    public const string SectionName = "Writes";

    /// <summary>The most writes one transaction takes; more wait for the next one.</summary>
    public int MaxBatch { get; set; } = 256;

    /// <summary>The most writes that may wait; a caller beyond it waits for room (back-pressure, not an error).</summary>
    public int Capacity { get; set; } = 4_096;
}
