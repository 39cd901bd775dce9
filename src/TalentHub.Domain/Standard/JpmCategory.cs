namespace TalentHub.Domain.Standard;

public enum JpmCategory
{
    Optimal,
    CukupOptimal,
    KurangOptimal,
}
