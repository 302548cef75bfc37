package cn.chuangwen.notify;

import java.util.List;

/** One page of a user's notifications, newest first. */
public record NotificationPage(List<NotificationView> items, long total, long unread, int page, int pages) {
}
