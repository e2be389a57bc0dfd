using static MlDeploy.Tests.Hosting.Config.ConfigSource;

namespace MlDeploy.Tests.Hosting.Config;

public class ListConfigTests
{
    [Fact]
    public void GetInt32List_NumbersOrNumericStrings_AreRead()
    {
        var file = FromFile("  ml-platform:ports:\n    - 8080\n    - \"8081\"\n");
        var environment = FromEnvironment("ml-platform:ports", "[8080,\"8081\"]");

        Assert.Equal([8080, 8081], file.GetInt32List("ports").ToArray());
        Assert.Equal([8080, 8081], environment.GetInt32List("ports").ToArray());
        Assert.Empty(file.Problems);
        Assert.Empty(environment.Problems);
    }

    [Fact]
    public void GetInt32List_BadItems_AreEachNamedByTheirPath()
    {
        var file = FromFile("  ml-platform:ports: [8080, http, 1.5]\n");
        var environment = FromEnvironment("ml-platform:ports", "[8080,\"http\",1.5]");

        Assert.Empty(file.GetInt32List("ports"));
        Assert.Empty(environment.GetInt32List("ports"));
        Assert.Equal(
            [$"{InFile}:2: ml-platform:ports: $[1]: 'http' is not a whole number (set a number, e.g. 2)", $"{InFile}:2: ml-platform:ports: $[2]: '1.5' is not a whole number (set a number, e.g. 2)"],
            Problems(file));
        Assert.Equal(
            [$"{InEnvironment}: ml-platform:ports: $[1]: 'http' is not a whole number (set a number, e.g. 2)", $"{InEnvironment}: ml-platform:ports: $[2]: '1.5' is not a whole number (set a number, e.g. 2)"],
            Problems(environment));
    }

    [Fact]
    public void GetInt32List_Bounded_ReportsItemsOutOfRange()
    {
        var file = FromFile("  ml-platform:ports: [0, 443, 70000]\n");
        var environment = FromEnvironment("ml-platform:ports", "[0,443,70000]");

        Assert.Empty(file.GetInt32List("ports", 1, 65535));
        Assert.Empty(environment.GetInt32List("ports", 1, 65535));
        Assert.Equal(
            [$"{InFile}:2: ml-platform:ports: $[0]: 0 is less than the minimum 1 (set a whole number from 1 to 65535)", $"{InFile}:2: ml-platform:ports: $[2]: 70000 is more than the maximum 65535 (set a whole number from 1 to 65535)"],
            Problems(file));
        Assert.Equal(
            [$"{InEnvironment}: ml-platform:ports: $[0]: 0 is less than the minimum 1 (set a whole number from 1 to 65535)", $"{InEnvironment}: ml-platform:ports: $[2]: 70000 is more than the maximum 65535 (set a whole number from 1 to 65535)"],
            Problems(environment));
    }

    [Fact]
    public void GetDecimalList_InvariantNumbers_AreRead()
    {
        var file = FromFile("  ml-platform:weights: [0.25, 0.75, \"1\"]\n");
        var environment = FromEnvironment("ml-platform:weights", "[0.25,\"0.75\",1]");

        Assert.Equal([0.25m, 0.75m, 1m], file.GetDecimalList("weights").ToArray());
        Assert.Equal([0.25m, 0.75m, 1m], environment.GetDecimalList("weights").ToArray());
        Assert.Empty(file.Problems);
        Assert.Empty(environment.Problems);
    }

    [Fact]
    public void GetDecimalList_BadAndOutOfRangeItems_AreReported()
    {
        var file = FromFile("  ml-platform:weights: [\"0,5\", 2]\n");
        var environment = FromEnvironment("ml-platform:weights", "[\"0,5\",2]");

        Assert.Empty(file.GetDecimalList("weights", 0, 1));
        Assert.Empty(environment.GetDecimalList("weights", 0, 1));
        Assert.Equal(
            [$"{InFile}:2: ml-platform:weights: $[0]: '0,5' is not a number (set a number from 0 to 1, with '.' as the decimal point)", $"{InFile}:2: ml-platform:weights: $[1]: 2 is more than the maximum 1 (set a number from 0 to 1)"],
            Problems(file));
        Assert.Equal(
            [$"{InEnvironment}: ml-platform:weights: $[0]: '0,5' is not a number (set a number from 0 to 1, with '.' as the decimal point)", $"{InEnvironment}: ml-platform:weights: $[1]: 2 is more than the maximum 1 (set a number from 0 to 1)"],
            Problems(environment));
    }

    [Fact]
    public void GetStringList_NumbersAndBooleans_KeepTheirText_LeadingZerosIncluded()
    {
        var file = FromFile("  ml-platform:accounts: [012345678901, 42, 1.50, true, plain]\n");
        var environment = FromEnvironment("ml-platform:accounts", "[\"012345678901\",42,1.50,true,\"plain\"]");

        Assert.Equal(["012345678901", "42", "1.50", "true", "plain"], file.GetStringList("accounts").ToArray());
        Assert.Equal(["012345678901", "42", "1.50", "true", "plain"], environment.GetStringList("accounts").ToArray());
    }

    [Fact]
    public void GetStringList_EmptyItem_IsReportedNotReturnedAsNull()
    {
        var file = FromFile("  ml-platform:subnetIds:\n    - subnet-1\n    -\n");
        var environment = FromEnvironment("ml-platform:subnetIds", "[\"subnet-1\",null]");

        Assert.Empty(file.GetStringList("subnetIds"));
        Assert.Empty(environment.GetStringList("subnetIds"));
        Assert.Equal($"{InFile}:2: ml-platform:subnetIds: $[1]: is empty (give the item a value or remove it)", Problem(file));
        Assert.Equal($"{InEnvironment}: ml-platform:subnetIds: $[1]: is empty (give the item a value or remove it)", Problem(environment));
    }

    [Fact]
    public void GetInt32List_SingleValue_IsNotAList()
    {
        var file = FromFile("  ml-platform:ports: 8080\n");
        var environment = FromEnvironment("ml-platform:ports", "8080");

        Assert.Empty(file.GetInt32List("ports"));
        Assert.Empty(environment.GetInt32List("ports"));
        Assert.Equal($"{InFile}:2: ml-platform:ports: is a single value, but a list is expected (write it as a YAML list, one `- item` line per entry)", Problem(file));
        Assert.Equal($"{InEnvironment}: ml-platform:ports: is not a list of single values (write it as a YAML list, one `- item` line per entry)", Problem(environment));
    }
}
