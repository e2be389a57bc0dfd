namespace MlDeploy.Costs;

/// <summary>What a price is for: a cloud's SKU of one service in one region (a region without a row is an unknown price).</summary>
/// <param name="Cloud">The cloud, e.g. <c>aws</c>.</param>
/// <param name="Service">The service, e.g. <c>fargate</c>.</param>
/// <param name="Sku">The SKU or metered dimension, e.g. <c>linux-x86-vcpu</c> or <c>hosting-ml.m5.xlarge</c>.</param>
/// <param name="Region">The region, e.g. <c>eu-west-1</c>.</param>
public sealed record PriceKey(string Cloud, string Service, string Sku, string Region)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Cloud}/{Service}/{Sku} in {Region}";
}
