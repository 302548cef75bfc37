/**
 * The per-address failure throttle, for every anonymous endpoint of every module (sign-in, the
 * token endpoint, and later citizen reports, surveys, Open311).
 */
@org.springframework.modulith.NamedInterface("throttle")
package cn.chuangwen.organization.throttle;
