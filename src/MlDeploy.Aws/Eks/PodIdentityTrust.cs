using MlDeploy.Aws.Blocks;
using MlDeploy.Graph;

namespace MlDeploy.Aws.Eks;

/// <summary>The trust policy of a role that EKS Pod Identity assumes for the pods of one cluster.</summary>
internal static class PodIdentityTrust
{
    /// <summary>
    /// Trusts <c>pods.eks.amazonaws.com</c> (with <c>sts:TagSession</c>, which Pod Identity needs for its session tags;
    /// EKS User Guide, "Create IAM role with trust policy required by EKS Pod Identity") for this account, and only for
    /// the pod identity associations of this cluster. When Pod Identity assumes a role, <c>aws:SourceArn</c> is the
    /// association's ARN, <c>arn:&lt;partition&gt;:eks:&lt;region&gt;:&lt;account&gt;:podidentityassociation/&lt;cluster&gt;/&lt;id&gt;</c>,
    /// not the cluster's: a condition on the cluster ARN matched no request and denied every pod its credentials
    /// (the association ARN format: EKS API, <c>PodIdentityAssociation.associationArn</c>; the condition as used with
    /// live clusters: terraform-aws-modules/terraform-aws-eks#3743, awslabs/mountpoint-s3-csi-driver#781).
    /// docs/AWS-RUNTIME.md 28.
    /// </summary>
    /// <param name="account">The account and region the associations are created in.</param>
    /// <param name="clusterName">The cluster's name.</param>
    /// <returns>The trust policy document.</returns>
    public static Value Policy(AwsAccount account, Value clusterName) => PolicyDocument.ServiceTrust(
        "pods.eks.amazonaws.com",
        Value.Map(
            ("StringEquals", Value.Map(("aws:SourceAccount", account.AccountId))),
            ("ArnLike", Value.Map(("aws:SourceArn", account.Arn("eks", account.RegionName, account.AccountId, Value.Format($"podidentityassociation/{clusterName}/*")))))),
        "sts:AssumeRole",
        "sts:TagSession");
}
