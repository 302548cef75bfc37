package cn.chuangwen.problems;

import java.time.Instant;

/** A rectification notice or supervision letter was issued to a unit: its liaisons should sign for it. */
public record NoticeIssued(long noticeId, long cityId, long unitId, String kind, String number, Instant deadline,
		Instant at) {
}
