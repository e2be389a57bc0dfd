using MlDeploy.Writers.Reports;

namespace MlDeploy.Tests.Reports;

public class PlainTextReportTests
{
    [Fact]
    public void Write_AlignsColumns_IndentsSections_AndTrimsTrailingSpaces()
    {
        var report = new Report(
        [
            new ReportLine("Stack prod"),
            new ReportHeading("scorer -> SageMaker"),
            new ReportTable(["concept", "fidelity", "how"], [["compute", new ReportCell("approx", CellTone.Caution), "2 vCPU"], ["scaling", "native", ""]], ShowHeaders: false),
            new ReportTable(["RESOURCE", "TYPE"], [["a", "aws:s3/bucket:Bucket"], ["longer-name", "aws:kms/key:Key"]]),
            new ReportLine("waived MLS-NET-02: reason", Indented: true),
        ]);

        Assert.Equal(
            "Stack prod\n\nscorer -> SageMaker\n  compute  approx  2 vCPU\n  scaling  native\n\n  RESOURCE     TYPE\n  a            aws:s3/bucket:Bucket\n  longer-name  aws:kms/key:Key\n  waived MLS-NET-02: reason\n",
            PlainTextReport.Write(report));
    }

    [Fact]
    public void Write_SkipsAnEmptyTable()
    {
        Assert.Equal("x\n", PlainTextReport.Write(new Report([new ReportLine("x"), new ReportTable(["a"], [])])));
    }
}
