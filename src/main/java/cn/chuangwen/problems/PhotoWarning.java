package cn.chuangwen.problems;

import java.io.Serializable;

/**
 * What a verifier should know about a photo: {@code DUPLICATE_EVIDENCE} (the same content was a
 * problem photo before), {@code OLD_PHOTO} (taken long before it was sent) or
 * {@code LOCATION_MISMATCH} (its GPS lies far from the problem). A warning, never a refusal.
 * {@code problemId}/{@code problemCode} name the earlier use only when the viewer may open it.
 */
public record PhotoWarning(String file, String kind, String message, Long problemId, String problemCode)
		implements Serializable {
}
