package cn.chuangwen.organization;

/** A role's permissions or data scope changed: every cached principal is dropped at once. */
public record RolePolicyChanged(Role role) {
}
