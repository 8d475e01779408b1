namespace MerchantPortal.Common;

/// <summary>The outcome of an operation that has no value to return: success or an <see cref="Common.Error"/>.</summary>
public sealed class Result
{
    private Result(Error? error) => Error = error;

    public static Result Success { get; } = new(null);

    public Error? Error { get; }

    public bool Succeeded => Error is null;

    public static implicit operator Result(Error error) => new(error);
}

/// <summary>The outcome of an operation: a value, or an <see cref="Common.Error"/>.</summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool Succeeded => Error is null;

    public T Value => Succeeded
        ? _value!
        : throw new InvalidOperationException($"The operation failed with {Error!.Code}; it has no value.");

    public static implicit operator Result<T>(T value) => new(value, null);

    /// <summary>A success; for values the implicit conversion cannot take (interfaces, nulls).</summary>
    public static Result<T> From(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);
}
