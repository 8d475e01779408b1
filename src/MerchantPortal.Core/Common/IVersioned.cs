namespace MerchantPortal.Common;

/// <summary>
/// An aggregate with a portable optimistic-concurrency token. <see cref="Data.PortalDb"/> increments
/// <see cref="Version"/> on every update, and a stale write fails with a concurrency exception on both
/// SQLite and SQL Server (no <c>rowversion</c>).
/// </summary>
public interface IVersioned
{
    long Version { get; }
}
