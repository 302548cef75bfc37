package cn.chuangwen.notify;

import java.util.List;

/** One page of a user's notifications, newest first. */
public record NotificationPage(List<NotificationView> items, long total, long unread, int page, int pages) {

	/** The page number as the shared page-navigation fragment ({@code fragments/pager}) reads it. */
	public int number() {
		return page;
	}

	public boolean hasPrevious() {
		return page > 1;
	}

	public boolean hasNext() {
		return page < pages;
	}

}
