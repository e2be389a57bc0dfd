using System.Collections;

namespace MlDeploy.Pipeline;

/// <summary>
/// A read-only list computed on first use. The other targets' capabilities only serve hints ("or use a target with
/// A100 GPUs: ..."), so a valid platform never builds them: building every planner's documented capabilities (an EC2
/// instance catalogue, GPU offers) was about a tenth of a compile run that plans one SageMaker endpoint.
/// </summary>
/// <typeparam name="T">The item type.</typeparam>
internal sealed class DeferredList<T>(Func<IReadOnlyList<T>> compute) : IReadOnlyList<T>
{
    private IReadOnlyList<T>? _items;

    /// <inheritdoc/>
    public int Count => Items.Count;

    private IReadOnlyList<T> Items => _items ??= compute();

    /// <inheritdoc/>
    public T this[int index] => Items[index];

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => Items.GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
